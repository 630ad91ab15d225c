namespace ActorStreams.Kafka;

/// <summary>One partition of a topic: the unit of sharding (docs/design.md §2).</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Partition">The partition number, 0-based.</param>
public readonly record struct KafkaPartition(string Topic, int Partition)
{
    /// <summary><c>topic[partition]</c>, as librdkafka and kcat print it.</summary>
    public override string ToString() => $"{Topic}[{Partition}]";
}
