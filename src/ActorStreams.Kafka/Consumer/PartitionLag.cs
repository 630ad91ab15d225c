namespace ActorStreams.Kafka.Consumer;

/// <summary>How far a member is behind on one of its partitions.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Position">The next offset the member will hand out (its read position), or null before the first record.</param>
/// <param name="Completed">The next offset after the contiguous completed records (what a checkpoint may store), or null.</param>
/// <param name="EndOffset">The partition's end (high watermark) as last seen by the consumer, or null when not known yet.</param>
public sealed record PartitionLag(KafkaPartition Partition, long? Position, long? Completed, long? EndOffset)
{
    /// <summary>Records between the completed offset and the end of the partition (0 when unknown or caught up).</summary>
    public long Lag => EndOffset is { } end && (Completed ?? Position) is { } done ? Math.Max(0, end - done) : EndOffset ?? 0;
}
