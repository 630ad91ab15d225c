namespace ActorStreams.Kafka.Consumer;

/// <summary>A record of a topic read by a <see cref="GlobalTableReader"/>.</summary>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Key">Its key, or null.</param>
/// <param name="Value">Its value, or null for a tombstone.</param>
public readonly record struct KafkaTableRecord(int Partition, long Offset, byte[]? Key, byte[]? Value);
