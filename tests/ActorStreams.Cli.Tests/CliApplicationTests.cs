namespace ActorStreams.Cli.Tests;

[Trait("Category", "Unit")]
public sealed class CliApplicationTests
{
    [Fact]
    public async Task Help_Root_ListsTheCommands()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("config", result.Output, StringComparison.Ordinal);
        Assert.Contains("bench", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-such-flag")]
    [InlineData("no-such-command")]
    [InlineData("config", "--no-such-flag")]
    [InlineData("bench", "actors", "--runs", "many")]
    public async Task BadFlags_AnyCommand_Exit2WithAMessage(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommand_Exit2()
    {
        var result = await CliRunner.RunAsync();

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Theory]
    [InlineData("--runs", "0", "--runs must be a positive integer")]
    [InlineData("--warmup", "-1", "--warmup must not be negative")]
    [InlineData("--filter", "nothing-like-this", "matches no case")]
    [InlineData("--scale", "0", "--scale must be a positive number")]
    public async Task BenchActors_BadValues_Exit2(string flag, string value, string message)
    {
        var result = await CliRunner.RunAsync("bench", "actors", flag, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchActors_SmallMemoryCase_PrintsTheTable()
    {
        var result = await CliRunner.RunAsync("bench", "actors", "--filter", "memory", "--runs", "1", "--warmup", "0", "--scale", "0.1");

        Assert.Contains("memory-idle-actor", result.Output, StringComparison.Ordinal);
        Assert.Contains("B/actor", result.Output, StringComparison.Ordinal);
    }
}
