using System.Globalization;
using ActorStreams.Persistence;
using ActorStreams.TestKit;

namespace ActorStreams.Cluster.Tests.Sharding;

[Trait("Category", "Integration")]
public sealed class EntityShardTests(DevBrokerFixture broker) : IClassFixture<DevBrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Shard_RecordsProcessed_CheckpointHoldsEveryStateAndTheNextOffsets()
    {
        var topics = Topics.Create(broker, partitions: 3);
        var store = new InMemoryStateStore();
        var records = Records(keys: 20, perKey: 50).ToList();
        await ShardHarness.ProduceAsync(broker, topics.Input, records);

        await using var member = new ShardHarness(broker, topics, store).Start();

        await Eventually.UntilAsync(
            async () => await ShardHarness.StoredOffsets(store, topics.Input, topics.Partitions) == records.Count,
            Timeout, "the checkpoints cover every record");
        var stored = await ShardHarness.StoredCounters(store, topics.Partitions, Ids(20));
        Assert.Equal(Expected(records), stored);
        Assert.Empty(member.Faults);
        Assert.True(member.Metrics.Checkpoints > 0);
    }

    [Fact]
    public async Task Handoff_SecondMemberJoinsAndFirstLeaves_EveryRecordCountedExactlyOnce()
    {
        var topics = Topics.Create(broker, partitions: 4);
        var store = new InMemoryStateStore();
        var first = Records(keys: 30, perKey: 20).ToList();
        await ShardHarness.ProduceAsync(broker, topics.Input, first);
        await using var a = new ShardHarness(broker, topics, store, member: "a").Start();
        await Eventually.Until(() => a.Consumed >= first.Count, Timeout, "member a consumed the first batch");

        await using var b = new ShardHarness(broker, topics, store, member: "b").Start();
        await Eventually.Until(() => a.Region.OwnedShardCount > 0 && b.Region.OwnedShardCount > 0 && a.Region.OwnedShardCount + b.Region.OwnedShardCount == 4,
            Timeout, "both members own shards");
        var second = Records(keys: 30, perKey: 20, seed: 2).ToList();
        await ShardHarness.ProduceAsync(broker, topics.Input, second);
        await a.StopAsync();
        var third = Records(keys: 30, perKey: 10, seed: 3).ToList();
        await ShardHarness.ProduceAsync(broker, topics.Input, third);

        var all = first.Concat(second).Concat(third).ToList();
        await Eventually.UntilAsync(
            async () => await ShardHarness.StoredOffsets(store, topics.Input, topics.Partitions) == all.Count,
            Timeout, "the checkpoints cover every record after both handoffs");
        Assert.Equal(Expected(all), await ShardHarness.StoredCounters(store, topics.Partitions, Ids(30)));
        Assert.Equal(4, b.Region.OwnedShardCount);
        Assert.Empty(a.Faults);
        Assert.Empty(b.Faults);
    }

    [Fact]
    public async Task Passivation_IdleEntities_AreStoppedAndRestoredFromTheStore()
    {
        var topics = Topics.Create(broker, partitions: 2);
        var store = new InMemoryStateStore();
        var cluster = ClusterSettings.Default with
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(100),
            PassivationIdleTimeout = TimeSpan.FromMilliseconds(500),
        };
        var first = Records(keys: 10, perKey: 5).ToList();
        await ShardHarness.ProduceAsync(broker, topics.Input, first);
        await using var member = new ShardHarness(broker, topics, store, cluster).Start();
        await Eventually.Until(() => member.Metrics.EntitiesPassivated >= 10, Timeout, "every idle entity is passivated");
        Assert.Equal(0, member.Metrics.ActiveEntities);

        var second = Records(keys: 10, perKey: 5, seed: 9).ToList();
        await ShardHarness.ProduceAsync(broker, topics.Input, second);
        var all = first.Concat(second).ToList();
        await Eventually.UntilAsync(
            async () => await ShardHarness.StoredOffsets(store, topics.Input, topics.Partitions) == all.Count,
            Timeout, "the checkpoints cover every record");

        Assert.Equal(Expected(all), await ShardHarness.StoredCounters(store, topics.Partitions, Ids(10)));
        Assert.True(member.Metrics.EntitiesRestored >= 10, $"restored {member.Metrics.EntitiesRestored}");
    }

    [Fact]
    public async Task Passivation_BeyondMaxActiveEntities_KeepsTheLeastRecentlyUsedOut()
    {
        var topics = Topics.Create(broker, partitions: 1);
        var store = new InMemoryStateStore();
        var cluster = ClusterSettings.Default with { CheckpointInterval = TimeSpan.FromMilliseconds(100), MaxActiveEntities = 5 };
        var records = Records(keys: 40, perKey: 3).ToList();
        await ShardHarness.ProduceAsync(broker, topics.Input, records);
        await using var member = new ShardHarness(broker, topics, store, cluster).Start();

        await Eventually.Until(() => member.Metrics.ActiveEntities <= 5 && member.Consumed == records.Count, Timeout, "at most 5 entities stay in memory");
        await Eventually.UntilAsync(
            async () => await ShardHarness.StoredOffsets(store, topics.Input, 1) == records.Count,
            Timeout, "the checkpoints cover every record");
        Assert.Equal(Expected(records), await ShardHarness.StoredCounters(store, 1, Ids(40)));
    }

    [Fact]
    public async Task BadRecords_UndecodableOrFailing_GoToTheDeadLetterTopicAndProcessingContinues()
    {
        var topics = Topics.Create(broker, partitions: 1);
        var store = new InMemoryStateStore();
        List<(string?, string)> records = [("1", "5"), ("x", "5"), ("1", "not a number"), ("2", "-1"), (null, "3"), ("2", "7")];
        await ShardHarness.ProduceAsync(broker, topics.Input, records);
        await using var member = new ShardHarness(broker, topics, store).Start();

        await Eventually.UntilAsync(
            async () => await ShardHarness.StoredOffsets(store, topics.Input, 1) == records.Count,
            Timeout, "the checkpoint covers every record");
        var counters = await ShardHarness.StoredCounters(store, 1, [1, 2]);
        Assert.Equal((1L, 5L), counters[1]);
        Assert.Equal((1L, 7L), counters[2]);
        Assert.Equal(4, member.Metrics.DeadLettered);
        Assert.Equal(1, member.Metrics.ProcessingFailures);
        Assert.Empty(member.Faults);
    }

    [Fact]
    public async Task StoreWrites_FailingTwice_AreRetriedAndTheCheckpointLands()
    {
        var topics = Topics.Create(broker, partitions: 1);
        var store = new FlakyStore(new InMemoryStateStore(), failures: 2);
        var records = Records(keys: 3, perKey: 4).ToList();
        await ShardHarness.ProduceAsync(broker, topics.Input, records);
        await using var member = new ShardHarness(broker, topics, store).Start();

        await Eventually.UntilAsync(
            async () => await ShardHarness.StoredOffsets(store, topics.Input, 1) == records.Count,
            Timeout, "the checkpoint lands after the retries");
        Assert.Equal(Expected(records), await ShardHarness.StoredCounters(store, 1, Ids(3)));
        Assert.True(member.Metrics.CheckpointFailures >= 2);
        Assert.Empty(member.Faults);
    }

    [Fact]
    public async Task StoreWrites_FailingForGood_FaultTheShard()
    {
        var topics = Topics.Create(broker, partitions: 1);
        var store = new FlakyStore(new InMemoryStateStore(), failures: int.MaxValue);
        await ShardHarness.ProduceAsync(broker, topics.Input, Records(keys: 2, perKey: 2));
        await using var member = new ShardHarness(broker, topics, store).Start();

        await Eventually.Until(() => member.Faults.Count > 0, Timeout, "the shard reports a fault");
        Assert.Contains("could not be written", member.Faults[0].Fault.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<(string? Key, string Value)> Records(int keys, int perKey, int seed = 1)
    {
        var random = new Random(seed);
        for (var round = 0; round < perKey; round++)
        {
            for (var key = 0; key < keys; key++)
            {
                yield return (key.ToString(CultureInfo.InvariantCulture), random.Next(0, 1000).ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static IEnumerable<long> Ids(int keys) => Enumerable.Range(0, keys).Select(i => (long)i);

    private static Dictionary<long, (long Count, long Sum)> Expected(IEnumerable<(string? Key, string Value)> records) =>
        records.GroupBy(r => long.Parse(r.Key!, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(r => long.Parse(r.Value, CultureInfo.InvariantCulture))));

    /// <summary>A store whose first <c>failures</c> checkpoint writes throw.</summary>
    private sealed class FlakyStore(IStateStore inner, int failures) : IStateStore
    {
        private int _failures = failures;

        public string Description => "flaky";

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<ShardSnapshot?> ReadShardAsync(ShardKey shard, CancellationToken cancellationToken) => inner.ReadShardAsync(shard, cancellationToken);

        public Task<IReadOnlyDictionary<string, byte[]>> LoadEntitiesAsync(ShardKey shard, IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken) =>
            inner.LoadEntitiesAsync(shard, entityIds, cancellationToken);

        public Task WriteCheckpointAsync(ShardCheckpoint checkpoint, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _failures) >= 0
                ? throw new IOException("disk on fire")
                : inner.WriteCheckpointAsync(checkpoint, cancellationToken);

        public Task<IReadOnlyList<ShardSummary>> ListShardsAsync(CancellationToken cancellationToken) => inner.ListShardsAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
