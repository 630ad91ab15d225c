namespace ActorStreams.Kafka.GroupSource;

/// <summary>
/// Follows the partitions the consumer group gives this node and provides each one's
/// <see cref="IRecordHandler"/>. Called on the consume thread during rebalances; must not block for long.
/// </summary>
public interface IPartitionListener
{
    /// <summary>The partition is now owned by this node; returns the handler for its records.</summary>
    IRecordHandler OnAssigned(KafkaPartition partition);

    /// <summary>
    /// The partitions are handed off: fetching stopped, in-flight records drained, the checkpoint
    /// hook ran and offsets were committed. Stop their entities.
    /// </summary>
    void OnRevoked(IReadOnlyList<KafkaPartition> partitions);

    /// <summary>
    /// The partitions were taken away without a handoff (this member's session expired): drop their
    /// state without checkpointing; the new owner replays from the last checkpoint.
    /// </summary>
    void OnLost(IReadOnlyList<KafkaPartition> partitions);
}
