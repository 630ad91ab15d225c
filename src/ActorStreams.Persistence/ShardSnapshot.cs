namespace ActorStreams.Persistence;

/// <summary>What a new owner of a shard reads back: where to resume and the shard-level state.</summary>
/// <param name="Offsets">The next offset of every input topic (topic → offset).</param>
/// <param name="ShardState">Shard-level state, or null.</param>
/// <param name="Sequence">The sequence number of the checkpoint this comes from.</param>
public sealed record ShardSnapshot(IReadOnlyDictionary<string, long> Offsets, byte[]? ShardState, long Sequence);
