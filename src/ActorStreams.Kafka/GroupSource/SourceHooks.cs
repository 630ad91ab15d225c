namespace ActorStreams.Kafka.GroupSource;

/// <summary>The store's part in a handoff (docs/design.md §2, §3): where assigned partitions start, and the checkpoint before a revocation.</summary>
public sealed record SourceHooks
{
    /// <summary>No hooks: start from the group's committed offsets (else earliest) and only commit on revocation.</summary>
    public static SourceHooks None { get; } = new();

    /// <summary>
    /// Reads the checkpointed next offset of each assigned partition. Partitions missing from the result
    /// start at the group's committed offset, else at the earliest retained record.
    /// </summary>
    public Func<IReadOnlyList<KafkaPartition>, CancellationToken, Task<IReadOnlyDictionary<KafkaPartition, long>>>? StartOffsets { get; init; }

    /// <summary>
    /// Checkpoints partitions being revoked at the given next offsets (every record below them has
    /// completed). The offsets are committed to the group after it returns; when it throws, nothing is committed.
    /// </summary>
    public Func<IReadOnlyList<KafkaPartitionOffset>, CancellationToken, Task>? Checkpoint { get; init; }

    /// <summary>
    /// Told on the consume thread that a revocation of these partitions begins, before the drain (for rebalance
    /// events and their durations). Must not block.
    /// </summary>
    public Action<IReadOnlyList<KafkaPartition>>? Revoking { get; init; }

    /// <summary>
    /// Told on the consume thread that an assignment is complete: every partition was handed to the listener
    /// (possibly none, when this member got no partitions). Must not block.
    /// </summary>
    public Action<IReadOnlyList<KafkaPartition>>? Assigned { get; init; }
}
