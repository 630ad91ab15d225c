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
        Assert.All(new[] { "actors", "kafka-consume", "e2e", "handoff", "soak", "churn-score" }, suite => Assert.Contains(suite, result.Output, StringComparison.Ordinal));
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
    [InlineData("actors", "--runs", "0", "--runs must be a positive integer")]
    [InlineData("actors", "--warmup", "-1", "--warmup must not be negative")]
    [InlineData("actors", "--filter", "nothing-like-this", "matches no case")]
    [InlineData("actors", "--scale", "0", "--scale must be a positive number")]
    [InlineData("soak", "--duration", "ten minutes", "--duration must be a duration like 30s, 10m or 1h")]
    [InlineData("soak", "--duration", "0s", "--duration must be a duration like 30s, 10m or 1h")]
    [InlineData("soak", "--rate", "0", "--rate must be between 1 and 1000000")]
    [InlineData("soak", "--customers", "0", "--customers must be between 1 and 10000000")]
    [InlineData("soak", "--partitions", "0", "--partitions must be between 1 and 1000")]
    [InlineData("soak", "--warmup", "10m", "--warmup (10m00s) must be shorter than --duration (10m00s)")]
    [InlineData("soak", "--sample-interval", "50ms", "--sample-interval must be a duration")]
    [InlineData("soak", "--sample-interval", "4m", "leaves 2 samples after a 2m00s warm-up")]
    [InlineData("soak", "--full-gc-interval", "1s", "--full-gc-interval (1s) must not be shorter than --sample-interval (5s)")]
    [InlineData("soak", "--full-gc-interval", "5m", "--full-gc-interval 5m00s measures the live heap 2 times after a 2m00s warm-up")]
    [InlineData("soak", "--max-heap-slope", "-1", "--max-heap-slope must be a number of MiB per minute")]
    [InlineData("soak", "--max-lag-slope", "-1", "--max-lag-slope must be a number of records per minute")]
    [InlineData("soak", "--max-lag", "-5", "--max-lag must not be negative")]
    [InlineData("soak", "--min-rate-ratio", "1.5", "--min-rate-ratio must be above 0 and at most 1")]
    [InlineData("soak", "--store", "mongodb://db", "--store: ")]
    [InlineData("e2e", "--store", "mongodb://db", "--store: ")]
    [InlineData("churn-score", "--customers", "5", "--customers must be between 10 and 1000000")]
    [InlineData("churn-score", "--days", "30", "--days must be between 100 and 3650")]
    [InlineData("churn-score", "--runs", "0", "--runs must be between 1 and 100")]
    public async Task BadValues_Exit2BeforeAnythingStarts(string suite, string flag, string value, string message)
    {
        var result = await RunAsync("bench", suite, flag, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ChurnScore_SmallShop_ReportsEveryCaseWithScoresOnlyWhenScored()
    {
        var result = await RunAsync("bench", "churn-score", "--customers", "150", "--days", "120", "--runs", "1");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.Matches(@"(?m)^features\s+[\d,]+ ns per event, .* 0 scores \(0\.0 % of events\)", result.Output);
        Assert.Matches(@"(?m)^features \+ scoring\s+[\d,]+ ns per event, .* [1-9][\d,]* scores", result.Output);
        Assert.Matches(@"(?m)^\+ features record\s+[\d,]+ ns per event, .* [1-9][\d,]* scores", result.Output);
        Assert.Matches(@"(?m)^model (logistic_regression|fast_tree) [0-9a-f]{12}, threshold ", result.Output);
    }

    [Fact]
    public async Task Help_BenchSoak_ListsTheOptions()
    {
        var result = await RunAsync("bench", "soak", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(
            new[] { "--duration", "--rate", "--customers", "--partitions", "--store", "--seed", "--warmup", "--sample-interval", "--full-gc-interval", "--max-heap-slope", "--max-lag-slope", "--max-lag", "--min-rate-ratio" },
            flag => Assert.Contains(flag, result.Output, StringComparison.Ordinal));
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
