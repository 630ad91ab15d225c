using System.Collections.Concurrent;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// What a running partition consumer reports about itself (admin API, metrics): its checkpoint, offsets and entities.
/// Written by the consumer's actor and pipeline, read by anyone; every field is a single value read atomically.
/// </summary>
public sealed class PartitionStatus(string kind, int partition, long epoch, DateTimeOffset startedAt)
{
    private long _sequence;
    private long _activeEntities;
    private long _inFlight;
    private long _lastCheckpointTicks;

    /// <summary>The entity kind.</summary>
    public string Kind { get; } = kind;

    /// <summary>The partition.</summary>
    public int Partition { get; } = partition;

    /// <summary>This consumer incarnation's epoch (unique in the process).</summary>
    public long Epoch { get; } = epoch;

    /// <summary>When this consumer started.</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The sequence of the last checkpoint in the ledger (recovered or written).</summary>
    public long Sequence
    {
        get => Volatile.Read(ref _sequence);
        set => Volatile.Write(ref _sequence, value);
    }

    /// <summary>When this consumer last wrote a checkpoint, or null before its first.</summary>
    public DateTimeOffset? LastCheckpointAt
    {
        get => Volatile.Read(ref _lastCheckpointTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        set => Volatile.Write(ref _lastCheckpointTicks, value?.UtcTicks ?? 0);
    }

    /// <summary>Entities of the partition in memory.</summary>
    public long ActiveEntities
    {
        get => Volatile.Read(ref _activeEntities);
        set => Volatile.Write(ref _activeEntities, value);
    }

    /// <summary>Records read and not yet completed (handled, outputs delivered).</summary>
    public long InFlight
    {
        get => Volatile.Read(ref _inFlight);
        set => Volatile.Write(ref _inFlight, value);
    }

    /// <summary>The pipeline's cross-thread signals (its router's stage actor): how work lost on the way reaches it.</summary>
    internal Internal.PartitionControl? Control { get; set; }

    /// <summary>Per input topic, the next offset the pipeline will take in (ahead of the checkpoint by what is in flight or done since).</summary>
    public ConcurrentDictionary<string, long> NextOffsets { get; } = new(StringComparer.Ordinal);

    /// <summary>Per input topic, the offset after the last completed record (the offset a checkpoint now would store).</summary>
    public ConcurrentDictionary<string, long> CompletedOffsets { get; } = new(StringComparer.Ordinal);
}
