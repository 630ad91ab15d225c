using ActorStreams.Cli;

namespace ActorStreams.Benchmarks.Tests;

[Trait("Category", "Unit")]
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Help_Bench_ListsTheSuites()
    {
        var result = await RunAsync("bench", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(new[] { "actors", "kafka-consume", "e2e", "handoff" }, suite => Assert.Contains(suite, result.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_BenchActors_ListsTheCases()
    {
        var result = await RunAsync("bench", "actors", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(ActorBenchmarks.CaseNames, name => Assert.Contains(name, result.Output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bench", "actors", "--runs", "many")]
    [InlineData("bench", "actors", "--micro")]
    [InlineData("bench", "no-such-suite")]
    [InlineData("bench", "e2e", "--no-such-flag")]
    public async Task BadFlags_Exit2WithAMessage(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--runs", "0", "--runs must be a positive integer")]
    [InlineData("--warmup", "-1", "--warmup must not be negative")]
    [InlineData("--filter", "nothing-like-this", "matches no case")]
    [InlineData("--scale", "0", "--scale must be a positive number")]
    public async Task BenchActors_BadValues_Exit2(string flag, string value, string message)
    {
        var result = await RunAsync("bench", "actors", flag, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchActors_SmallMemoryCase_PrintsTheTableAndExits0()
    {
        var result = await RunAsync("bench", "actors", "--filter", "memory-akka", "--runs", "1", "--warmup", "0", "--scale", "0.01");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("memory-akka-actor", result.Output, StringComparison.Ordinal);
        Assert.Contains("B/actor", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("memory-customer-entity", result.Output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, [BenchCommand.Create]);
        return (code, output.ToString(), error.ToString());
    }
}
