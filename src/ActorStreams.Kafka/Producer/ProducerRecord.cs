namespace ActorStreams.Kafka.Producer;

/// <summary>A record to produce: to the murmur2 partition of its key, or to an explicit partition (control records).</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Key">The key, or null.</param>
/// <param name="Value">The value.</param>
/// <param name="Partition">An explicit partition, or null for the key's murmur2 partition.</param>
public sealed record ProducerRecord(string Topic, byte[]? Key, byte[] Value, int? Partition = null);
