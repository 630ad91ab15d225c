using ActorStreams.Cluster.Tests.Support;
using ActorStreams.TestKit;
using Akka.Actor;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>
/// Handoff between two actor systems in one process sharing a SQLite store (docs/design.md §2): a second member joins
/// through the first as its seed and takes partitions over; the first leaves gracefully and hands every partition over
/// with a final checkpoint. Every record is counted exactly once, and no record reaches an entity on another node.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HandoffSpec(DevBrokerFixture broker) : IClassFixture<DevBrokerFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstreams-handoff-").FullName;

    [Fact]
    public async Task SecondMemberJoins_ThenFirstLeaves_EveryRecordCountedExactlyOnce()
    {
        var topics = CounterTopics.Create(broker, partitions: 4);
        var store = $"sqlite:{Path.Combine(_directory, "state.db")}";
        Persistence.StoreConfiguration.Prepare(Persistence.StateStoreUri.Locate(store));
        var first = CounterNode.Records(keys: 30, perKey: 20).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, first);

        await using var a = await new CounterNode(ActorSystem.Create("counters", CounterNode.Config(store)), broker, topics, name: "a").StartAsync();
        await Eventually.Until(() => a.Consumed >= first.Count, Timeout, "member a consumed the first batch");
        await using var b = await new CounterNode(ActorSystem.Create("counters", CounterNode.Config(store)), broker, topics, name: "b").StartAsync(a.Address);
        await Eventually.Until(
            () => a.RunningPartitions.Length > 0 && b.RunningPartitions.Length > 0 && a.RunningPartitions.Length + b.RunningPartitions.Length == 4,
            Timeout, "both members run partitions");
        Assert.Empty(a.RunningPartitions.Intersect(b.RunningPartitions));

        var second = CounterNode.Records(keys: 30, perKey: 20, seed: 2).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, second);
        await a.LeaveAsync();
        var third = CounterNode.Records(keys: 30, perKey: 10, seed: 3).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, third);

        var all = first.Concat(second).Concat(third).ToList();
        await Eventually.UntilAsync(
            async () => await Ledgers.OffsetsAsync(b.System, topics.Input, 4) == all.Count,
            Timeout, "the checkpoints cover every record after both handoffs");
        Assert.Equal(CounterNode.Expected(all), await Ledgers.CountersAsync(b.System, 4));
        Assert.Equal([0, 1, 2, 3], b.RunningPartitions);
        Assert.Equal(0, a.Metrics.RemoteDeliveries + b.Metrics.RemoteDeliveries);

        // The partition counters (GET /metrics): every partition a started has stopped, handed off with its final
        // checkpoint as a rule; b started at least the four it runs.
        const string kind = CounterKind.KindName;
        Assert.Equal(a.Metrics.PartitionsStarted[kind], a.Metrics.PartitionsStopped[(kind, true)] + a.Metrics.PartitionsStopped[(kind, false)]);
        Assert.True(a.Metrics.PartitionsStopped[(kind, true)] > 0, "a handed no partition off with its final checkpoint");
        Assert.True(b.Metrics.PartitionsStarted[kind] >= 4, $"b started {b.Metrics.PartitionsStarted[kind]} partitions");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
