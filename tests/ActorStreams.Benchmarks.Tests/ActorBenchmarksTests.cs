namespace ActorStreams.Benchmarks.Tests;

/// <summary>The product path of <c>bench actors</c> on a one-node cluster (binds a port on 127.0.0.1).</summary>
[Trait("Category", "Integration")]
public sealed class ActorBenchmarksTests
{
    [Fact]
    public async Task RunAsync_TinyEntityCounter_EveryCommandIsAnswered()
    {
        using var output = new StringWriter();

        var results = await ActorBenchmarks.RunAsync(
            new ActorBenchmarkOptions { Filter = "entity-counter", Runs = 1, WarmupRuns = 0, Scale = 0.001 },
            output,
            CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal("entity-counter", result.Case);
        Assert.Equal(1_000, result.Messages);
        Assert.True(result.MedianMessagesPerSecond > 0, output.ToString());
        Assert.Null(result.BytesPerActor);
    }

    [Fact]
    public async Task RunAsync_TinyCustomerMemory_ReportsBytesPerEntity()
    {
        using var output = new StringWriter();

        var results = await ActorBenchmarks.RunAsync(
            new ActorBenchmarkOptions { Filter = "memory-customer-entity", Runs = 1, WarmupRuns = 0, Scale = 0.01 },
            output,
            CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal(1_000, result.Messages);
        Assert.True(result.BytesPerActor > 0, output.ToString());
        Assert.Contains("B/actor", output.ToString(), StringComparison.Ordinal);
    }
}
