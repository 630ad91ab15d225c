using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Tests.Support;
using ActorStreams.TestKit;
using Akka.Actor;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>
/// Fencing of a partition's ledger (docs/design.md §3): when another writer has written the ledger since the consumer's
/// last checkpoint, the consumer's next checkpoint is not written. Written by a node that is gone (a stale node the
/// cluster removed), the consumer starts again from that checkpoint, claims the ledger and counts exactly once; written
/// by a node that is a member of the cluster, the consumer's own node is the stale one: it shuts down
/// (<see cref="PartitionTakenOver"/>) without writing again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LedgerFencingSpec(DevBrokerFixture broker) : IClassFixture<DevBrokerFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstreams-fencing-").FullName;

    [Fact]
    public async Task LedgerWrittenByAGoneNode_TheConsumerLosesOnceThenClaimsIt_EveryRecordCountedExactlyOnce()
    {
        var topics = CounterTopics.Create(broker, partitions: 1);
        var first = CounterNode.Records(keys: 10, perKey: 5).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, first);
        await using var node = await new CounterNode(ActorSystem.Create("counters", CounterNode.Config("memory")), broker, topics).StartAsync();
        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(node.System, topics.Input, 1) == first.Count, Timeout, "a checkpoint covers the first records");

        // A node removed from the cluster long ago (its address is not a member) writes the ledger.
        const string gone = "akka.tcp://counters@192.0.2.1:4053#17";
        var ledger = PartitionConsumer.LedgerId(CounterKind.KindName, 0);
        await Eventually.UntilAsync(() => Ledgers.WriteAsync(node.System, ledger, gone), Timeout, "the stale writer's checkpoint is written");
        var second = CounterNode.Records(keys: 10, perKey: 5, seed: 2).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, second);

        var all = first.Concat(second).ToList();
        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(node.System, topics.Input, 1) == all.Count, Timeout, "a later checkpoint covers every record");
        Assert.Equal(CounterNode.Expected(all), await Ledgers.CountersAsync(node.System, 1));
        Assert.True(node.Metrics.LedgersLost >= 1, "the consumer's checkpoint after the stale write was not refused");
        Assert.Equal(LedgerOwner.Of(Akka.Cluster.Cluster.Get(node.System).SelfUniqueAddress), (await Ledgers.ReadAsync(node.System, 0)).Owner);
        Assert.False(PartitionRegistry.Get(node.System).Fenced);
    }

    [Fact]
    public async Task LedgerWrittenByALiveMember_TheConsumersNodeShutsDownAsTakenOver_AndWritesNothingMore()
    {
        var topics = CounterTopics.Create(broker, partitions: 1);
        var store = $"sqlite:{Path.Combine(_directory, "state.db")}";
        Persistence.StoreConfiguration.Prepare(Persistence.StateStoreUri.Locate(store));
        var first = CounterNode.Records(keys: 10, perKey: 5).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, first);
        await using var stale = await new CounterNode(ActorSystem.Create("counters", CounterNode.Config(store)), broker, topics, name: "stale").StartAsync();
        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(stale.System, topics.Input, 1) == first.Count, Timeout, "a checkpoint covers the first records");

        // A second member (no region of its own, so the partition stays where it is) writes the ledger, as the node the
        // cluster gave the partition to after removing the first one would.
        using var owner = ActorSystem.Create("counters", CounterNode.Config(store));
        var ownerCluster = Akka.Cluster.Cluster.Get(owner);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ownerCluster.RegisterOnMemberUp(() => up.TrySetResult());
        ownerCluster.Join(stale.Address);
        await up.Task.WaitAsync(Timeout);
        var ownerId = LedgerOwner.Of(ownerCluster.SelfUniqueAddress);
        var ledger = PartitionConsumer.LedgerId(CounterKind.KindName, 0);
        await Eventually.UntilAsync(() => Ledgers.WriteAsync(owner, ledger, ownerId), Timeout, "the new owner's checkpoint is written");
        await CounterNode.ProduceAsync(broker, topics.Input, CounterNode.Records(keys: 10, perKey: 5, seed: 2));

        await stale.System.WhenTerminated.WaitAsync(Timeout);
        var reason = Assert.IsType<PartitionTakenOver>(CoordinatedShutdown.Get(stale.System).ShutdownReason);
        Assert.Equal(ledger, reason.Ledger);
        Assert.Equal(ownerId, reason.Owner);
        Assert.True(PartitionRegistry.Get(stale.System).Fenced);
        var after = await Ledgers.ReadAsync(owner, 0);
        Assert.Equal(ownerId, after.Owner);
        Assert.Equal(first.Count, after.Offsets[topics.Input]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
