using ActorStreams.Persistence.Internal;

namespace ActorStreams.Persistence;

/// <summary>
/// A store in process memory: checkpoints survive a shard's handoff within the process but not a restart.
/// The default of a node started without <c>--store</c> until a durable store is configured, and the
/// reference behaviour the durable stores are tested against.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ShardKey, ShardRecord> _shards = [];

    /// <inheritdoc />
    public string Description => "memory";

    /// <summary>Test hook, as the durable stores have: called for each entity of a checkpoint before it is applied; an exception aborts the checkpoint.</summary>
    internal Action<int>? AfterEntityRowsWritten { get; set; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<ShardSnapshot?> ReadShardAsync(ShardKey shard, CancellationToken cancellationToken)
    {
        Checkpoints.ValidateShard(shard);
        lock (_gate)
        {
            return Task.FromResult(_shards.TryGetValue(shard, out var record)
                ? new ShardSnapshot(new Dictionary<string, long>(record.Offsets, StringComparer.Ordinal), record.ShardState, record.Sequence)
                : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, byte[]>> LoadEntitiesAsync(ShardKey shard, IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        Checkpoints.ValidateShard(shard);
        ArgumentNullException.ThrowIfNull(entityIds);
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        lock (_gate)
        {
            if (_shards.TryGetValue(shard, out var record))
            {
                foreach (var id in entityIds)
                {
                    if (record.Entities.TryGetValue(id, out var state))
                    {
                        result[id] = state;
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, byte[]>>(result);
    }

    /// <inheritdoc />
    public Task WriteCheckpointAsync(ShardCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Checkpoints.Validate(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Everything that can fail happens before the first change, so a failed checkpoint leaves nothing behind.
            if (AfterEntityRowsWritten is { } hook)
            {
                for (var i = 1; i <= checkpoint.Entities.Count; i++)
                {
                    hook(i);
                }
            }

            if (!_shards.TryGetValue(checkpoint.Shard, out var record))
            {
                record = new ShardRecord();
                _shards[checkpoint.Shard] = record;
            }

            foreach (var (topic, offset) in checkpoint.Offsets)
            {
                record.Offsets[topic] = offset;
            }

            if (checkpoint.ShardState is { } shardState)
            {
                record.ShardState = shardState;
            }

            foreach (var entity in checkpoint.Entities)
            {
                record.Entities[entity.EntityId] = entity.State;
            }

            record.Sequence = checkpoint.Sequence;
            record.LastCheckpointAt = checkpoint.CreatedAt;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardSummary>> ListShardsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ShardSummary>>(
                [.. _shards.Select(s => new ShardSummary(s.Key, s.Value.Sequence, s.Value.Entities.Count, s.Value.LastCheckpointAt))
                    .OrderBy(s => s.Shard.Kind, StringComparer.Ordinal).ThenBy(s => s.Shard.Partition)]);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class ShardRecord
    {
        public Dictionary<string, long> Offsets { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, byte[]> Entities { get; } = new(StringComparer.Ordinal);

        public byte[]? ShardState { get; set; }

        public long Sequence { get; set; }

        public DateTimeOffset LastCheckpointAt { get; set; }
    }
}
