namespace ActorStreams.Cluster.Sharding;

/// <summary>A shard's state for inspection (<c>shards show</c>).</summary>
/// <param name="Kind">The entity kind.</param>
/// <param name="Partition">The partition.</param>
/// <param name="ActiveEntities">Entities in memory.</param>
/// <param name="CheckpointSequence">The last written checkpoint's number (0 = none yet).</param>
/// <param name="LastCheckpointAt">When it was written, or null.</param>
/// <param name="NextOffsets">The next offset of each input topic the shard has processed up to.</param>
/// <param name="InFlight">Units of work not finished yet.</param>
public sealed record ShardInfo(
    string Kind,
    int Partition,
    int ActiveEntities,
    long CheckpointSequence,
    DateTimeOffset? LastCheckpointAt,
    IReadOnlyDictionary<string, long> NextOffsets,
    long InFlight);
