using ActorStreams.Cluster.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>
/// A partition's archive (the lake sink's hook, <see cref="ActorStreams.Cluster.Partitions.IPartitionArchive"/>): told every record in order,
/// its state checkpointed with the ledger only once durable, told when written, and reopened from the last written
/// state when the partition restarts.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PartitionArchiveSpec(DevBrokerFixture broker, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(CounterNode.Config("memory"), "archives", output), IClassFixture<DevBrokerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private CounterNode? _node;

    [Fact]
    public async Task Archive_EveryRecordAddedOnceInOrder_ItsLastStateIsTheLastWrittenOne()
    {
        var topics = CounterTopics.Create(broker, partitions: 2);
        var records = CounterNode.Records(keys: 10, perKey: 20).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, records);
        var archives = new RecordingArchives();

        await StartAsync(topics, archives);

        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(Sys, topics.Input, 2) == records.Count, Timeout, "the checkpoints cover every record");
        foreach (var partition in new[] { 0, 1 })
        {
            var added = archives.Added[partition].ToList();
            Assert.Equal(Enumerable.Range(0, added.Count).Select(i => (long)i), added);
            await Eventually.Until(() => archives.Written[partition].LastOrDefault() == added.Count, Timeout, $"partition {partition}'s last written state counts all its records");
        }

        Assert.Equal(records.Count, archives.Added.Values.Sum(q => q.Count));
        Assert.All(archives.Opened, opened => Assert.Null(opened.OpenedWith));
    }

    [Fact]
    public async Task Checkpoint_WaitsUntilTheArchiveIsDurable_AFailureRestartsThePartitionFromItsLastWrittenState()
    {
        var topics = CounterTopics.Create(broker, partitions: 1);
        var archives = new RecordingArchives();
        var node = await StartAsync(topics, archives);
        await CounterNode.ProduceAsync(broker, topics.Input, CounterNode.Records(keys: 5, perKey: 2));
        await Eventually.Until(() => archives.Written.TryGetValue(0, out var w) && w.LastOrDefault() == 10, Timeout, "the first ten records are checkpointed");
        var written = archives.Written[0].Count;

        archives.Hold();
        await CounterNode.ProduceAsync(broker, topics.Input, CounterNode.Records(keys: 5, perKey: 1, seed: 2));
        await Eventually.Until(() => archives.HeldBarriers > 0 && archives.Added[0].Count == 15, Timeout, "a barrier after the new records waits for the archive");
        Assert.Equal(written, archives.Written[0].Count);

        archives.Release(new IOException("the lake is unavailable"));

        // The partition restarts from its last written checkpoint: the archive reopens with its state and the five
        // records are added again, then checkpointed.
        await Eventually.Until(() => archives.Opened.Count(o => o.OpenedWith == 10) == 1, Timeout, "the archive reopens from the last written state");
        await Eventually.Until(() => archives.Written[0].LastOrDefault() == 15, Timeout, "the five records are checkpointed after the restart");
        Assert.Equal(15, await Ledgers.OffsetsAsync(Sys, topics.Input, 1));
        Assert.Equal(20, archives.Added[0].Count);
        Assert.Equal([0], node.RunningPartitions);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_node is { } node)
        {
            await node.DisposeAsync();
        }
    }

    private async Task<CounterNode> StartAsync(CounterTopics topics, RecordingArchives archives)
    {
        _node = new CounterNode(Sys, broker, topics, archives: archives);
        return await _node.StartAsync();
    }
}
