using System.Text;
using ActorStreams.Kafka.Internal;

namespace ActorStreams.Kafka.GroupSource;

/// <summary>
/// A consumed record on its way through a handler. It counts as in flight (and holds back its
/// partition's committable offset) until <see cref="Complete"/> or <see cref="DeadLetter"/> is called.
/// </summary>
public sealed class KafkaRecord
{
    private readonly PartitionState _state;
    private int _settled;

    internal KafkaRecord(PartitionState state, long offset, byte[]? key, byte[]? value, long timestampMs)
    {
        _state = state;
        Offset = offset;
        Key = key;
        Value = value;
        TimestampMs = timestampMs;
    }

    /// <summary>The record's partition.</summary>
    public KafkaPartition Partition => _state.Partition;

    /// <summary>The record's topic.</summary>
    public string Topic => _state.Partition.Topic;

    /// <summary>The record's offset in its partition.</summary>
    public long Offset { get; }

    /// <summary>The raw key, or null when the record has none.</summary>
    public byte[]? Key { get; }

    /// <summary>The raw value, or null for a tombstone.</summary>
    public byte[]? Value { get; }

    /// <summary>The record's Kafka timestamp, milliseconds since the Unix epoch.</summary>
    public long TimestampMs { get; }

    /// <summary>The key decoded as UTF-8 (ActorStreams keys are strings), or null when absent.</summary>
    public string? KeyString => Key is null ? null : Encoding.UTF8.GetString(Key);

    /// <summary>True once the record was completed or dead-lettered.</summary>
    public bool IsSettled => Volatile.Read(ref _settled) != 0;

    /// <summary>Marks the record processed: it no longer counts as in flight and its offset may be checkpointed. Idempotent.</summary>
    public void Complete()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _state.Complete(Offset);
        }
    }

    /// <summary>
    /// Sends the record to the dead-letter topic with <paramref name="reason"/> (docs/design.md §5) and completes
    /// it once the dead letter is delivered. A delivery failure faults the source and leaves the record
    /// incomplete, so it is replayed rather than lost.
    /// </summary>
    public void DeadLetter(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _state.DeadLetter(this, reason);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Partition}@{Offset}";
}
