namespace ActorStreams.Kafka;

/// <summary>A position in a partition: the offset of the next record to read (what a checkpoint stores).</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The next offset to read.</param>
public readonly record struct KafkaPartitionOffset(KafkaPartition Partition, long Offset)
{
    /// <summary><c>topic[partition]@offset</c>.</summary>
    public override string ToString() => $"{Partition}@{Offset}";
}
