namespace ActorStreams.Persistence;

/// <summary>
/// Durable entity state (docs/design.md §3): a checkpoint writes, in ONE transaction, the dirty entity states of
/// a shard (one partition of one entity kind) and that shard's next offsets for every input topic; after a
/// crash the new owner reads both back and replays from those offsets. Implementations are thread-safe.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>A short description for logs and the CLI, e.g. <c>sqlite:/var/lib/actorstreams/state.db</c>.</summary>
    string Description { get; }

    /// <summary>Creates or migrates the schema; called once before anything else.</summary>
    /// <exception cref="SchemaVersionException">The schema is newer than this build knows, or a migration failed (nothing changed).</exception>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The checkpointed next offsets of a shard's input topics, and its shard-level state; null when the shard was never checkpointed.</summary>
    Task<ShardSnapshot?> ReadShardAsync(ShardKey shard, CancellationToken cancellationToken);

    /// <summary>The states of <paramref name="entityIds"/> in <paramref name="shard"/>; ids never checkpointed are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, byte[]>> LoadEntitiesAsync(ShardKey shard, IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="checkpoint"/> atomically: either all of it becomes visible or none of it. It merges into
    /// what is stored: topics absent from its offsets, entities absent from its states and a null shard state keep
    /// their stored values; an entity listed twice keeps its last state. Writing the same checkpoint again changes
    /// nothing, so a write whose outcome is unknown (a lost connection) can simply be retried.
    /// </summary>
    /// <exception cref="ArgumentException">An entity has no id or no state; nothing was written.</exception>
    Task WriteCheckpointAsync(ShardCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Every shard that has a checkpoint, for inspection (shards show).</summary>
    Task<IReadOnlyList<ShardSummary>> ListShardsAsync(CancellationToken cancellationToken);
}
