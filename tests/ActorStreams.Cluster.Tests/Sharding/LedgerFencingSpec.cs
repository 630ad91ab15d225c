using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Cluster.Tests.Support;
using ActorStreams.TestKit;
using Akka.Actor;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>
/// Fencing of a partition's ledger (docs/design.md §3): when another writer has written the ledger since the consumer's
/// last checkpoint, the consumer's next checkpoint is not written. Written by a node that is gone (a stale node the
/// cluster removed), the consumer starts again from that checkpoint, claims the ledger and counts exactly once; written
/// by a member of the cluster that still runs the partition, the consumer's own node is the stale one: it shuts down
/// (<see cref="PartitionTakenOver"/>) without writing again — also when its consumer restarts for another reason before
/// any of its writes lost. A member that wrote the ledger but no longer runs the partition does not stop the claim.
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
        var (stale, owner, ownerId, ledger, first) = await StaleAndOwnerAsync(ownerRuns: true);
        await using (stale)
        using (owner)
        {
            // New records: the stale consumer's next checkpoint loses to the owner's, and its restart finds the owner running.
            await CounterNode.ProduceAsync(broker, stale.Topics.Input, CounterNode.Records(keys: 10, perKey: 5, seed: 2));

            await AssertTakenOverAsync(stale, owner, ownerId, ledger, first);
            Assert.True(stale.Metrics.LedgersLost >= 1, "the stale consumer's checkpoint was not refused");
        }
    }

    [Fact]
    public async Task LedgerWrittenByAMemberThatRunsIt_AConsumerRestartedBeforeAnyLoss_ShutsDownWithoutClaiming()
    {
        var (stale, owner, ownerId, ledger, first) = await StaleAndOwnerAsync(ownerRuns: true);
        await using (stale)
        using (owner)
        {
            // The consumer restarts for a reason of its own (its pipeline failed, say) before it wrote again: it must
            // not claim the ledger the live owner writes, but find itself stale (the gap the owner query closes).
            await StopConsumerAsync(stale);

            await AssertTakenOverAsync(stale, owner, ownerId, ledger, first);
            Assert.Equal(0, stale.Metrics.LedgersLost);
        }
    }

    [Fact]
    public async Task LedgerWrittenByAMemberThatNoLongerRunsIt_TheRestartedConsumerClaimsIt_AndCountsOn()
    {
        var (stale, owner, _, _, first) = await StaleAndOwnerAsync(ownerRuns: false);
        await using (stale)
        using (owner)
        {
            // A member whose write landed after it stopped running the partition (a final checkpoint past its timeout).
            await StopConsumerAsync(stale);
            var self = LedgerOwner.Of(Akka.Cluster.Cluster.Get(stale.System).SelfUniqueAddress);
            await Eventually.UntilAsync(async () => (await Ledgers.ReadAsync(stale.System, 0)).Owner == self, Timeout, "the restarted consumer claims the ledger");
            var second = CounterNode.Records(keys: 10, perKey: 5, seed: 2).ToList();
            await CounterNode.ProduceAsync(broker, stale.Topics.Input, second);

            await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(stale.System, stale.Topics.Input, 1) == first + second.Count, Timeout, "a checkpoint covers every record");
            Assert.False(PartitionRegistry.Get(stale.System).Fenced);
            Assert.False(stale.System.WhenTerminated.IsCompleted);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// A node running partition 0 of a one-partition counter (checkpointed), then a second member without a region
    /// (so the partition stays) that writes the ledger as its owner, holding the partition or not.
    /// </summary>
    private async Task<(CounterNode Stale, ActorSystem Owner, string OwnerId, string Ledger, long First)> StaleAndOwnerAsync(bool ownerRuns)
    {
        var topics = CounterTopics.Create(broker, partitions: 1);
        var store = $"sqlite:{Path.Combine(_directory, "state.db")}";
        Persistence.StoreConfiguration.Prepare(Persistence.StateStoreUri.Locate(store));
        var first = CounterNode.Records(keys: 10, perKey: 5).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, first);
        var stale = await new CounterNode(ActorSystem.Create("counters", CounterNode.Config(store)), broker, topics, name: "stale").StartAsync();
        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(stale.System, topics.Input, 1) == first.Count, Timeout, "a checkpoint covers the first records");

        var owner = ActorSystem.Create("counters", CounterNode.Config(store));
        var ownerCluster = Akka.Cluster.Cluster.Get(owner);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ownerCluster.RegisterOnMemberUp(() => up.TrySetResult());
        ownerCluster.Join(stale.Address);
        await up.Task.WaitAsync(Timeout);
        var ownerId = LedgerOwner.Of(ownerCluster.SelfUniqueAddress);
        var ledger = PartitionConsumer.LedgerId(CounterKind.KindName, 0);
        var registry = PartitionRegistry.Get(owner);
        if (ownerRuns)
        {
            registry.Hold(CounterKind.KindName, 0);
        }

        await Eventually.UntilAsync(() => Ledgers.WriteAsync(owner, ledger, ownerId), Timeout, "the other member's checkpoint is written");
        return (stale, owner, ownerId, ledger, first.Count);
    }

    /// <summary>The stale node shut down as taken over by <paramref name="ownerId"/>, whose checkpoint is still the ledger's last.</summary>
    private static async Task AssertTakenOverAsync(CounterNode stale, ActorSystem owner, string ownerId, string ledger, long first)
    {
        await stale.System.WhenTerminated.WaitAsync(Timeout);
        var reason = Assert.IsType<PartitionTakenOver>(CoordinatedShutdown.Get(stale.System).ShutdownReason);
        Assert.Equal(ledger, reason.Ledger);
        Assert.Equal(ownerId, reason.Owner);
        Assert.True(PartitionRegistry.Get(stale.System).Fenced);
        var after = await Ledgers.ReadAsync(owner, 0);
        Assert.Equal(ownerId, after.Owner);
        Assert.Equal(first, after.Offsets[stale.Topics.Input]);
    }

    /// <summary>Stops partition 0's consumer on <paramref name="node"/> the way a failure would (not a handoff); the keep-alive starts it again.</summary>
    private static async Task StopConsumerAsync(CounterNode node)
    {
        var path = $"/system/sharding/{CounterKind.KindName}/0/{Uri.EscapeDataString(PartitionEntityIds.Consumer(0))}";
        var consumer = await node.System.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(10));
        consumer.Tell(PoisonPill.Instance);
    }
}
