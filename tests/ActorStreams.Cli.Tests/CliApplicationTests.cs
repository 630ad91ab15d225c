namespace ActorStreams.Cli.Tests;

[Trait("Category", "Unit")]
public sealed class CliApplicationTests
{
    [Fact]
    public async Task Help_Root_ListsTheCommands()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(new[] { "demo", "broker", "node", "cmd", "generate", "config" }, c => Assert.Contains(c, result.Output, StringComparison.Ordinal));
        Assert.Contains("./actorstreams bench <suite>", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-such-flag")]
    [InlineData("no-such-command")]
    [InlineData("config", "--no-such-flag")]
    [InlineData("node", "--http-port", "many")]
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
}
