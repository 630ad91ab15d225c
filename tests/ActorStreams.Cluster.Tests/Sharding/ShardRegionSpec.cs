using System.Globalization;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Cluster.Tests.Support;
using ActorStreams.TestKit;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Xunit.Abstractions;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>
/// Entities through a ShardRegion on one node (docs/design.md §2–§3): each partition's consumer runs in the shard of the
/// same number, its entities live beside it, and the partition's ledger holds every counter exactly once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShardRegionSpec(DevBrokerFixture broker, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(CounterNode.Config("memory"), "counters", output), IClassFixture<DevBrokerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private CounterNode? _node;

    [Fact]
    public async Task Records_Processed_TheLedgersHoldEveryCounterAndTheNextOffsets()
    {
        var topics = CounterTopics.Create(broker, partitions: 3);
        var records = CounterNode.Records(keys: 20, perKey: 50).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, records);

        var node = await Start(topics);

        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(Sys, topics.Input, 3) == records.Count, Timeout, "the checkpoints cover every record");
        Assert.Equal(CounterNode.Expected(records), await Ledgers.CountersAsync(Sys, 3));
        Assert.Equal([0, 1, 2], node.RunningPartitions);
        Assert.Equal(0, node.Metrics.RemoteDeliveries);
        Assert.Equal(0, node.Metrics.DeadLettered);
    }

    [Fact]
    public async Task Entities_LiveInTheShardOfTheirPartition_BesideItsConsumer()
    {
        var topics = CounterTopics.Create(broker, partitions: 4);
        var records = CounterNode.Records(keys: 30, perKey: 2).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, records);
        var node = await Start(topics);
        await Eventually.Until(() => node.Consumed == records.Count, Timeout, "every record consumed");

        var state = await node.Region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Timeout);

        Assert.Equal(["0", "1", "2", "3"], state.Shards.Select(s => s.ShardId).Order());
        foreach (var shard in state.Shards)
        {
            var partition = int.Parse(shard.ShardId, CultureInfo.InvariantCulture);
            Assert.Contains(PartitionEntityIds.Consumer(partition), shard.EntityIds);
            Assert.All(shard.EntityIds, id => Assert.Equal(partition, PartitionEntityIds.PartitionOf(id, 4)));
        }

        Assert.Equal(30 + 4, state.Shards.Sum(s => s.EntityIds.Count));
    }

    [Fact]
    public async Task GetEntity_ThroughTheRegion_AnswersFromTheLiveEntityOrElseNotFound()
    {
        var topics = CounterTopics.Create(broker, partitions: 2);
        List<(string?, string)> records = [("7", "5"), ("7", "10")];
        await CounterNode.ProduceAsync(broker, topics.Input, records);
        var node = await Start(topics);
        await Eventually.Until(() => node.Consumed == 2, Timeout, "both records consumed");
        var partition = PartitionEntityIds.PartitionOf("7", 2);

        await AwaitAssertAsync(async () =>
        {
            var found = await node.Region.Ask<EntityFound>(new GetEntity(PartitionEntityIds.Consumer(partition), "7"), Timeout);
            Assert.Equal(("counter", "7", partition, true), (found.Kind, found.Id, found.Partition, found.InMemory));
            Assert.Equal("""{"count":2,"sum":15}""", found.StateJson);
        }, Timeout);
        var missing = await node.Region.Ask<EntityNotFound>(new GetEntity(PartitionEntityIds.Consumer(1 - partition), "8"), Timeout);
        Assert.Equal(("8", 1 - partition), (missing.Id, missing.Partition));
    }

    [Fact]
    public async Task Command_FromAStaleConsumerEpoch_IsRejectedByTheEntity()
    {
        var topics = CounterTopics.Create(broker, partitions: 1);
        await CounterNode.ProduceAsync(broker, topics.Input, [("1", "1")]);
        var node = await Start(topics);
        await Eventually.Until(() => node.Consumed == 1, Timeout, "the record consumed");

        node.Region.Tell(new EntityCommand("1", Epoch: 9_999, Sequence: 1, Fresh: true, State: null, new Add(1)), TestActor);

        var rejected = ExpectMsg<EntityRejected>(Timeout);
        Assert.Contains("epoch 9999 is not the current consumer", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(1, node.Metrics.ActiveEntities);
    }

    [Fact]
    public async Task Passivation_IdleEntities_AreStoppedAndRestoredFromTheLedger()
    {
        var topics = CounterTopics.Create(broker, partitions: 2);
        var cluster = ClusterSettings.Default with
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(100),
            PassivationIdleTimeout = TimeSpan.FromMilliseconds(500),
            KeepAliveInterval = TimeSpan.FromMilliseconds(500),
        };
        var first = CounterNode.Records(keys: 10, perKey: 5).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, first);
        var node = await Start(topics, cluster);
        await Eventually.Until(() => node.Metrics.EntitiesPassivated >= 10 && node.Metrics.ActiveEntities == 0, Timeout, "every idle entity is passivated");

        var second = CounterNode.Records(keys: 10, perKey: 5, seed: 9).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, second);
        var all = first.Concat(second).ToList();
        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(Sys, topics.Input, 2) == all.Count, Timeout, "the checkpoints cover every record");

        Assert.Equal(CounterNode.Expected(all), await Ledgers.CountersAsync(Sys, 2));
        Assert.True(node.Metrics.EntitiesRestored >= 10, $"restored {node.Metrics.EntitiesRestored}");
    }

    [Fact]
    public async Task Passivation_BeyondMaxActiveEntities_KeepsTheLeastRecentlyUsedOut()
    {
        var topics = CounterTopics.Create(broker, partitions: 1);
        var cluster = ClusterSettings.Default with
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(100),
            MaxActiveEntities = 5,
            KeepAliveInterval = TimeSpan.FromMilliseconds(500),
        };
        var records = CounterNode.Records(keys: 40, perKey: 3).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, records);
        var node = await Start(topics, cluster);

        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(Sys, topics.Input, 1) == records.Count, Timeout, "the checkpoints cover every record");
        await Eventually.Until(() => node.Metrics.ActiveEntities <= 5, Timeout, "at most 5 entities stay in memory");
        Assert.Equal(CounterNode.Expected(records), await Ledgers.CountersAsync(Sys, 1));
    }

    [Fact]
    public async Task BadRecords_UndecodableOrFailing_AreDeadLetteredAndProcessingContinues()
    {
        var topics = CounterTopics.Create(broker, partitions: 1);
        List<(string?, string)> records = [("1", "5"), ("x", "5"), ("1", "not a number"), ("2", "-1"), (null, "3"), ("2", "7")];
        await CounterNode.ProduceAsync(broker, topics.Input, records);
        var node = await Start(topics);

        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(Sys, topics.Input, 1) == records.Count, Timeout, "the checkpoint covers every record");
        var counters = await Ledgers.CountersAsync(Sys, 1);
        Assert.Equal((1L, 5L), counters[1]);
        Assert.Equal((1L, 7L), counters[2]);
        Assert.Equal(4, node.Metrics.DeadLettered);
        Assert.Equal(1, node.Metrics.ProcessingFailures);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_node is { } node)
        {
            await node.DisposeAsync();
        }
    }

    private async Task<CounterNode> Start(CounterTopics topics, ClusterSettings? cluster = null)
    {
        _node = new CounterNode(Sys, broker, topics, cluster);
        return await _node.StartAsync();
    }
}
