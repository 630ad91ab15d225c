using System.Text;

namespace ActorStreams.Kafka.Consumer;

/// <summary>A record read from a partition: where it was, and its raw key, value and timestamp.</summary>
public sealed class ConsumedRecord
{
    /// <summary>Creates a record (the consumer does; tests may too).</summary>
    public ConsumedRecord(string topic, int partition, long offset, byte[]? key, byte[]? value, long timestampMs)
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
        Key = key;
        Value = value;
        TimestampMs = timestampMs;
    }

    /// <summary>The record's topic.</summary>
    public string Topic { get; }

    /// <summary>The record's partition.</summary>
    public int Partition { get; }

    /// <summary>The record's offset in its partition.</summary>
    public long Offset { get; }

    /// <summary>The raw key, or null when the record has none.</summary>
    public byte[]? Key { get; }

    /// <summary>The raw value, or null for a tombstone.</summary>
    public byte[]? Value { get; }

    /// <summary>The record's Kafka timestamp, milliseconds since the Unix epoch.</summary>
    public long TimestampMs { get; }

    /// <summary>The record's topic and partition.</summary>
    public KafkaPartition TopicPartition => new(Topic, Partition);

    /// <summary>The key decoded as UTF-8 (ActorStreams keys are strings), or null when absent.</summary>
    public string? KeyString => Key is null ? null : Encoding.UTF8.GetString(Key);

    /// <inheritdoc />
    public override string ToString() => $"{Topic}[{Partition}]@{Offset}";
}
