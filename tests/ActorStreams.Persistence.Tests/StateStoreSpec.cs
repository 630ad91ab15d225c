using System.Text;

namespace ActorStreams.Persistence.Tests;

/// <summary>
/// The contract of <see cref="IStateStore"/> (docs/design.md §3), run against every implementation: each test gets
/// a fresh, initialised, empty store in <see cref="Store"/>.
/// </summary>
public abstract class StateStoreSpec : IAsyncLifetime
{
    /// <summary>A fixed, millisecond-precise time: every store keeps at least milliseconds.</summary>
    protected static readonly DateTimeOffset Epoch = new(2026, 11, 22, 5, 17, 29, 123, TimeSpan.Zero);

    private IStateStore? _store;

    /// <summary>The store under test.</summary>
    protected IStateStore Store => _store ?? throw new InvalidOperationException("not initialised");

    public virtual async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReadShardAsync_NeverCheckpointed_ReturnsNull()
    {
        Assert.Null(await Store.ReadShardAsync(new ShardKey("customer", 0), default));
        Assert.Empty(await Store.ListShardsAsync(default));
    }

    [Fact]
    public async Task WriteCheckpointAsync_ThenReadShard_RoundTripsOffsetsStateAndSequence()
    {
        var shard = new ShardKey("customer", 3);
        var offsets = new Dictionary<string, long> { ["transactions"] = 1_234_567_890_123, ["customer-activity"] = 0, ["customer-details"] = 42 };
        await Store.WriteCheckpointAsync(Checkpoint(shard, 7, offsets, Bytes("watermarks")), default);

        var snapshot = await Store.ReadShardAsync(shard, default);

        Assert.NotNull(snapshot);
        Assert.Equal(7, snapshot.Sequence);
        AssertOffsets(offsets, snapshot.Offsets);
        Assert.Equal(Bytes("watermarks"), snapshot.ShardState);
    }

    [Fact]
    public async Task WriteCheckpointAsync_WithoutOffsetsOrState_ReadsBackAnEmptySnapshot()
    {
        var shard = new ShardKey("merchant", 0);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 1), default);

        var snapshot = await Store.ReadShardAsync(shard, default);

        Assert.NotNull(snapshot);
        Assert.Empty(snapshot.Offsets);
        Assert.Null(snapshot.ShardState);
        Assert.Equal(1, snapshot.Sequence);
    }

    [Fact]
    public async Task WriteCheckpointAsync_NullShardState_KeepsThePreviousState()
    {
        var shard = new ShardKey("merchant", 5);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, Offsets(("repartition", 10)), Bytes("state-1")), default);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 2, Offsets(("repartition", 20)), shardState: null), default);

        var snapshot = await Store.ReadShardAsync(shard, default);

        Assert.Equal(Bytes("state-1"), snapshot!.ShardState);
        Assert.Equal(2, snapshot.Sequence);
        Assert.Equal(20, snapshot.Offsets["repartition"]);

        await Store.WriteCheckpointAsync(Checkpoint(shard, 3, Offsets(("repartition", 30)), Bytes("state-3")), default);
        Assert.Equal(Bytes("state-3"), (await Store.ReadShardAsync(shard, default))!.ShardState);
    }

    [Fact]
    public async Task WriteCheckpointAsync_TopicMissingFromALaterCheckpoint_KeepsItsOffset()
    {
        var shard = new ShardKey("customer", 1);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, Offsets(("transactions", 5), ("customer-details", 9))), default);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 2, Offsets(("transactions", 8))), default);

        var snapshot = await Store.ReadShardAsync(shard, default);

        AssertOffsets(Offsets(("transactions", 8), ("customer-details", 9)), snapshot!.Offsets);
    }

    [Fact]
    public async Task WriteCheckpointAsync_EntityStates_LoadBackByteForByte()
    {
        var shard = new ShardKey("customer", 2);
        EntityState[] entities =
        [
            new("1001", Bytes("{\"v\":1}")),
            new("1002", []),
            new("ünïcødé-€-𝄞", Bytes("unicode id")),
            new("with'quote\"and;semicolon", [0, 255, 0, 1, 2]),
        ];
        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, entities: entities), default);

        var loaded = await Store.LoadEntitiesAsync(shard, [.. entities.Select(e => e.EntityId)], default);

        Assert.Equal(entities.Length, loaded.Count);
        foreach (var entity in entities)
        {
            Assert.Equal(entity.State, loaded[entity.EntityId]);
        }
    }

    [Fact]
    public async Task WriteCheckpointAsync_LaterState_ReplacesTheEarlierAndKeepsTheOthers()
    {
        var shard = new ShardKey("customer", 4);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, entities: [new("a", Bytes("a1")), new("b", Bytes("b1"))]), default);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 2, entities: [new("b", Bytes("b2")), new("c", Bytes("c2"))]), default);

        var loaded = await Store.LoadEntitiesAsync(shard, ["a", "b", "c"], default);

        Assert.Equal(Bytes("a1"), loaded["a"]);
        Assert.Equal(Bytes("b2"), loaded["b"]);
        Assert.Equal(Bytes("c2"), loaded["c"]);
    }

    [Fact]
    public async Task LoadEntitiesAsync_MissingIds_AreAbsentFromTheResult()
    {
        var shard = new ShardKey("customer", 0);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, entities: [new("present", Bytes("x"))]), default);

        var loaded = await Store.LoadEntitiesAsync(shard, ["missing-1", "present", "missing-2"], default);

        Assert.Equal(["present"], loaded.Keys);
        Assert.Empty(await Store.LoadEntitiesAsync(new ShardKey("customer", 99), ["present"], default));
    }

    [Fact]
    public async Task LoadEntitiesAsync_NoIds_ReturnsAnEmptyResult()
    {
        await Store.WriteCheckpointAsync(Checkpoint(new ShardKey("customer", 0), 1, entities: [new("a", Bytes("x"))]), default);

        Assert.Empty(await Store.LoadEntitiesAsync(new ShardKey("customer", 0), [], default));
    }

    [Fact]
    public async Task LoadEntitiesAsync_ThousandsOfIdsWithMissingOnes_ReturnsEveryStoredOne()
    {
        var shard = new ShardKey("customer", 6);
        var stored = Entities(1_700, size: 40, version: 1);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, entities: stored), default);
        var requested = stored.Select(e => e.EntityId).Concat(Enumerable.Range(0, 1_301).Select(i => $"absent-{i}")).Reverse().ToList();

        var loaded = await Store.LoadEntitiesAsync(shard, requested, default);

        Assert.Equal(stored.Count, loaded.Count);
        Assert.All(stored, e => Assert.Equal(e.State, loaded[e.EntityId]));
    }

    [Fact]
    public async Task Shards_WithTheSameEntityIds_AreIsolated()
    {
        ShardKey[] shards = [new("customer", 0), new("customer", 1), new("merchant", 0)];
        foreach (var shard in shards)
        {
            await Store.WriteCheckpointAsync(Checkpoint(shard, 1, Offsets(("t", shard.Partition + 1)), Bytes(shard.ToString()), [new("same-id", Bytes(shard.ToString()))]), default);
        }

        foreach (var shard in shards)
        {
            Assert.Equal(Bytes(shard.ToString()), (await Store.LoadEntitiesAsync(shard, ["same-id"], default))["same-id"]);
            var snapshot = await Store.ReadShardAsync(shard, default);
            Assert.Equal(Bytes(shard.ToString()), snapshot!.ShardState);
            Assert.Equal(shard.Partition + 1, snapshot.Offsets["t"]);
        }
    }

    [Fact]
    public async Task WriteCheckpointAsync_FailureHalfWayThroughTheEntities_LeavesThePreviousCheckpointIntact()
    {
        var shard = new ShardKey("customer", 8);
        var first = Entities(20_000, size: 64, version: 1);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, Offsets(("transactions", 100)), Bytes("state-1"), first), default);
        var second = Checkpoint(shard, 2, Offsets(("transactions", 200), ("customer-details", 7)), Bytes("state-2"), Entities(21_000, size: 64, version: 2));
        FailAfterEntityRows(Store, 10_000);

        await Assert.ThrowsAsync<InjectedFailureException>(() => Store.WriteCheckpointAsync(second, default));

        var snapshot = await Store.ReadShardAsync(shard, default);
        Assert.Equal(1, snapshot!.Sequence);
        AssertOffsets(Offsets(("transactions", 100)), snapshot.Offsets);
        Assert.Equal(Bytes("state-1"), snapshot.ShardState);
        var loaded = await Store.LoadEntitiesAsync(shard, [.. second.Entities.Select(e => e.EntityId)], default);
        Assert.Equal(first.Count, loaded.Count);
        Assert.All(first, e => Assert.Equal(e.State, loaded[e.EntityId]));
        Assert.Equal(first.Count, Assert.Single(await Store.ListShardsAsync(default)).Entities);

        // The store is usable afterwards: the same checkpoint written again goes through completely.
        FailAfterEntityRows(Store, int.MaxValue);
        await Store.WriteCheckpointAsync(second, default);
        loaded = await Store.LoadEntitiesAsync(shard, [.. second.Entities.Select(e => e.EntityId)], default);
        Assert.All(second.Entities, e => Assert.Equal(e.State, loaded[e.EntityId]));
        Assert.Equal(2, (await Store.ReadShardAsync(shard, default))!.Sequence);
    }

    [Fact]
    public async Task WriteCheckpointAsync_EntityWithoutState_ThrowsAndWritesNothing()
    {
        var shard = new ShardKey("customer", 9);
        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, Offsets(("t", 1)), entities: [new("a", Bytes("a1"))]), default);
        EntityState[] broken = [new("a", Bytes("a2")), new("b", null!), new("c", Bytes("c2"))];

        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteCheckpointAsync(Checkpoint(shard, 2, Offsets(("t", 2)), entities: broken), default));

        Assert.Equal(1, (await Store.ReadShardAsync(shard, default))!.Offsets["t"]);
        var loaded = await Store.LoadEntitiesAsync(shard, ["a", "b", "c"], default);
        Assert.Equal(Bytes("a1"), Assert.Single(loaded).Value);
    }

    [Fact]
    public async Task WriteCheckpointAsync_CanceledBeforeItStarts_WritesNothing()
    {
        var shard = new ShardKey("customer", 10);
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.WriteCheckpointAsync(Checkpoint(shard, 1, Offsets(("t", 1)), entities: [new("a", Bytes("a"))]), canceled.Token));

        Assert.Null(await Store.ReadShardAsync(shard, default));
    }

    [Fact]
    public async Task WriteCheckpointAsync_TheSameCheckpointTwice_IsHarmless()
    {
        var shard = new ShardKey("customer", 11);
        var checkpoint = Checkpoint(shard, 4, Offsets(("t", 40)), Bytes("s"), Entities(300, size: 20, version: 4));

        await Store.WriteCheckpointAsync(checkpoint, default);
        await Store.WriteCheckpointAsync(checkpoint, default);

        var snapshot = await Store.ReadShardAsync(shard, default);
        Assert.Equal(4, snapshot!.Sequence);
        Assert.Equal(40, snapshot.Offsets["t"]);
        var summary = Assert.Single(await Store.ListShardsAsync(default));
        Assert.Equal(300, summary.Entities);
    }

    [Fact]
    public async Task WriteCheckpointAsync_AnIdTwiceInOneCheckpoint_KeepsTheLastState()
    {
        var shard = new ShardKey("customer", 12);
        // Four rows: one multi-row statement where a store batches them.
        EntityState[] entities = [new("x", Bytes("first")), new("y", Bytes("y")), new("x", Bytes("last")), new("z", Bytes("z"))];

        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, entities: entities), default);

        var loaded = await Store.LoadEntitiesAsync(shard, ["x", "y", "z"], default);
        Assert.Equal(Bytes("last"), loaded["x"]);
        Assert.Equal(Bytes("y"), loaded["y"]);
        Assert.Equal(3, Assert.Single(await Store.ListShardsAsync(default)).Entities);
    }

    [Fact]
    public async Task WriteCheckpointAsync_24ShardsConcurrently_EveryCheckpointIsVisible()
    {
        var shards = Enumerable.Range(0, 24).Select(p => new ShardKey(p % 2 == 0 ? "customer" : "merchant", p / 2)).ToList();

        // Each shard writes its checkpoints in order (as EntityShard does); the shards run at the same time.
        await Task.WhenAll(shards.Select(shard => Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= 5; sequence++)
            {
                var entities = Entities(200, size: 100, version: sequence, prefix: shard.ToString());
                await Store.WriteCheckpointAsync(Checkpoint(shard, sequence, Offsets(("in", sequence * 1_000L)), Bytes($"{shard}@{sequence}"), entities), default);
            }
        })));

        foreach (var shard in shards)
        {
            var snapshot = await Store.ReadShardAsync(shard, default);
            Assert.Equal(5, snapshot!.Sequence);
            Assert.Equal(5_000, snapshot.Offsets["in"]);
            Assert.Equal(Bytes($"{shard}@5"), snapshot.ShardState);
            var expected = Entities(200, size: 100, version: 5, prefix: shard.ToString());
            var loaded = await Store.LoadEntitiesAsync(shard, [.. expected.Select(e => e.EntityId)], default);
            Assert.All(expected, e => Assert.Equal(e.State, loaded[e.EntityId]));
        }

        var summaries = await Store.ListShardsAsync(default);
        Assert.Equal(24, summaries.Count);
        Assert.All(summaries, s => Assert.Equal(200, s.Entities));
    }

    [Fact]
    public async Task WriteCheckpointAsync_OneMebibyteEntity_RoundTrips()
    {
        var shard = new ShardKey("customer", 13);
        var large = new byte[1 << 20];
        new Random(13).NextBytes(large);
        var shardState = new byte[256 << 10];
        new Random(14).NextBytes(shardState);

        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, shardState: shardState, entities: [new("small", Bytes("s")), new("large", large), new("small-2", Bytes("s2"))]), default);

        var loaded = await Store.LoadEntitiesAsync(shard, ["large", "small", "small-2"], default);
        Assert.Equal(large, loaded["large"]);
        Assert.Equal(Bytes("s2"), loaded["small-2"]);
        Assert.Equal(shardState, (await Store.ReadShardAsync(shard, default))!.ShardState);
    }

    [Fact]
    public async Task WriteCheckpointAsync_50000EntitiesInOneCheckpoint_RoundTrip()
    {
        var shard = new ShardKey("customer", 14);
        var entities = Entities(50_000, size: 600, version: 1);

        await Store.WriteCheckpointAsync(Checkpoint(shard, 1, Offsets(("transactions", 50_000)), entities: entities), default);

        var loaded = await Store.LoadEntitiesAsync(shard, [.. entities.Select(e => e.EntityId)], default);
        Assert.Equal(entities.Count, loaded.Count);
        Assert.All(entities, e => Assert.Equal(e.State, loaded[e.EntityId]));
        Assert.Equal(50_000, Assert.Single(await Store.ListShardsAsync(default)).Entities);
    }

    [Fact]
    public async Task WriteCheckpointAsync_Sequences_TheLastWrittenIsReported()
    {
        var shard = new ShardKey("customer", 15);
        for (var sequence = 1; sequence <= 12; sequence++)
        {
            await Store.WriteCheckpointAsync(Checkpoint(shard, sequence, Offsets(("t", sequence))), default);
        }

        Assert.Equal(12, (await Store.ReadShardAsync(shard, default))!.Sequence);
        var summary = Assert.Single(await Store.ListShardsAsync(default));
        Assert.Equal(12, summary.Sequence);
        Assert.Equal(Epoch.AddSeconds(12), summary.LastCheckpointAt);
    }

    [Fact]
    public async Task ListShardsAsync_EveryCheckpointedShard_SortedByKindThenPartitionWithEntityCounts()
    {
        await Store.WriteCheckpointAsync(Checkpoint(new("merchant", 2), 3, entities: Entities(5, 10, 1), at: Epoch.AddMinutes(1)), default);
        await Store.WriteCheckpointAsync(Checkpoint(new("customer", 10), 1, entities: Entities(2, 10, 1)), default);
        await Store.WriteCheckpointAsync(Checkpoint(new("customer", 2), 8), default);
        await Store.WriteCheckpointAsync(Checkpoint(new("customer", 10), 2, entities: Entities(3, 10, 2), at: Epoch.AddHours(1)), default);

        var shards = await Store.ListShardsAsync(default);

        Assert.Equal(
            [
                new ShardSummary(new("customer", 2), 8, 0, Epoch.AddSeconds(8)),
                new ShardSummary(new("customer", 10), 2, 3, Epoch.AddHours(1)),
                new ShardSummary(new("merchant", 2), 3, 5, Epoch.AddMinutes(1)),
            ],
            shards);
    }

    [Fact]
    public async Task ReadsDuringWrites_NeverSeeHalfACheckpoint()
    {
        var shard = new ShardKey("customer", 16);
        var ids = Enumerable.Range(0, 1_200).Select(i => $"c{i}").ToList();
        var writing = Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= 30; sequence++)
            {
                var value = BitConverter.GetBytes((long)sequence);
                await Store.WriteCheckpointAsync(
                    Checkpoint(shard, sequence, Offsets(("a", sequence), ("b", sequence)), value, [.. ids.Select(id => new EntityState(id, value))]),
                    default);
            }
        });

        var reads = 0;
        while (!writing.IsCompleted || reads == 0)
        {
            var snapshot = await Store.ReadShardAsync(shard, default);
            if (snapshot is not null)
            {
                Assert.Equal(snapshot.Sequence, snapshot.Offsets["a"]);
                Assert.Equal(snapshot.Sequence, snapshot.Offsets["b"]);
                Assert.Equal(snapshot.Sequence, BitConverter.ToInt64(snapshot.ShardState));
            }

            var loaded = await Store.LoadEntitiesAsync(shard, ids, default);
            Assert.True(loaded.Count is 0 || loaded.Count == ids.Count, $"{loaded.Count} of {ids.Count} entities visible");
            Assert.True(loaded.Values.Select(v => BitConverter.ToInt64(v)).Distinct().Count() <= 1, "entities of different checkpoints visible at once");
            reads++;
        }

        await writing;
        Assert.Equal(30, (await Store.ReadShardAsync(shard, default))!.Sequence);
    }

    /// <summary>A new, initialised, empty store.</summary>
    protected abstract Task<IStateStore> CreateStoreAsync();

    /// <summary>Makes <paramref name="store"/>'s next writes throw <see cref="InjectedFailureException"/> once <paramref name="rows"/> entity rows of a checkpoint are written (inside its transaction).</summary>
    protected abstract void FailAfterEntityRows(IStateStore store, int rows);

    /// <summary>The hook body the implementations install.</summary>
    protected static Action<int> FailureHook(int rows) => written =>
    {
        if (written >= rows)
        {
            throw new InjectedFailureException(written);
        }
    };

    protected static ShardCheckpoint Checkpoint(
        ShardKey shard,
        long sequence,
        IReadOnlyDictionary<string, long>? offsets = null,
        byte[]? shardState = null,
        IReadOnlyList<EntityState>? entities = null,
        DateTimeOffset? at = null) =>
        new(shard, sequence, offsets ?? new Dictionary<string, long>(), shardState, entities ?? [], at ?? Epoch.AddSeconds(sequence));

    protected static Dictionary<string, long> Offsets(params (string Topic, long Offset)[] offsets) =>
        offsets.ToDictionary(o => o.Topic, o => o.Offset, StringComparer.Ordinal);

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Deterministic entities <c>{prefix}-{i}</c> whose <paramref name="size"/>-byte states depend on id and version.</summary>
    protected static List<EntityState> Entities(int count, int size, int version, string prefix = "c")
    {
        var entities = new List<EntityState>(count);
        for (var i = 0; i < count; i++)
        {
            var state = new byte[size];
            for (var b = 0; b < size; b++)
            {
                state[b] = (byte)((i * 31) + (version * 7) + b);
            }

            entities.Add(new EntityState($"{prefix}-{i}", state));
        }

        return entities;
    }

    protected static void AssertOffsets(IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual) =>
        Assert.Equal(expected.OrderBy(o => o.Key, StringComparer.Ordinal), actual.OrderBy(o => o.Key, StringComparer.Ordinal));
}
