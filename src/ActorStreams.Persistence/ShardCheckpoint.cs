namespace ActorStreams.Persistence;

/// <summary>What one checkpoint of a shard writes in one transaction.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Sequence">The shard's checkpoint number, increasing; for inspection.</param>
/// <param name="Offsets">The next offset of every input topic of the shard (topic → offset).</param>
/// <param name="ShardState">Shard-level state (e.g. watermarks), replaced as a whole; null leaves it unchanged.</param>
/// <param name="Entities">The entity states that changed since the previous checkpoint.</param>
/// <param name="CreatedAt">When the checkpoint was taken.</param>
public sealed record ShardCheckpoint(
    ShardKey Shard,
    long Sequence,
    IReadOnlyDictionary<string, long> Offsets,
    byte[]? ShardState,
    IReadOnlyList<EntityState> Entities,
    DateTimeOffset CreatedAt);
