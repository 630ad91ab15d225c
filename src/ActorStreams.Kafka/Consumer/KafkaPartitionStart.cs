namespace ActorStreams.Kafka.Consumer;

/// <summary>A partition to read and where to start: <paramref name="Offset"/>, or its beginning when null.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The offset of the first record to read, or null for the beginning of the partition.</param>
public readonly record struct KafkaPartitionStart(KafkaPartition Partition, long? Offset)
{
    /// <summary><c>topic[partition]@offset</c>, or <c>@beginning</c>.</summary>
    public override string ToString() => Offset is { } offset ? $"{Partition}@{offset}" : $"{Partition}@beginning";
}
