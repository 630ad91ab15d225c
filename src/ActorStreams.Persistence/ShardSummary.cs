namespace ActorStreams.Persistence;

/// <summary>A checkpointed shard, for inspection.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Sequence">Its last checkpoint number.</param>
/// <param name="Entities">Entities stored for it.</param>
/// <param name="LastCheckpointAt">When its last checkpoint was written.</param>
public sealed record ShardSummary(ShardKey Shard, long Sequence, long Entities, DateTimeOffset LastCheckpointAt);
