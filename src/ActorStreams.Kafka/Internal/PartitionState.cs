using System.Runtime.CompilerServices;
using ActorStreams.Kafka.GroupSource;

namespace ActorStreams.Kafka.Internal;

/// <summary>Per-partition flow control of a <see cref="PartitionedSource"/>: in-flight count, pause state, completion tracking.</summary>
internal sealed class PartitionState(
    PartitionedSource owner,
    KafkaPartition partition,
    IRecordHandler handler,
    StrongBox<long> eventsIn,
    int partitionCount)
{
    private int _inFlight;
    private bool _paused;
    private bool _revoked;

    public Lock Gate { get; } = new();

    public KafkaPartition Partition { get; } = partition;

    public IRecordHandler Handler { get; } = handler;

    public StrongBox<long> EventsIn { get; } = eventsIn;

    /// <summary>Partition count of the topic (murmur2 check); 0 when unknown.</summary>
    public int PartitionCount { get; } = partitionCount;

    public OffsetTracker Tracker { get; } = new();

    /// <summary>The offset the next record should have; -1 until known. Consume thread only.</summary>
    public long ExpectedNext { get; set; } = -1;

    /// <summary>librdkafka reported an offset reset (position fell out of the log). Consume thread only.</summary>
    public bool ResetPending { get; set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool Paused => Volatile.Read(ref _paused);

    public bool Revoked => Volatile.Read(ref _revoked);

    /// <summary>Consume thread: counts a dispatched record; returns true when the partition must pause.</summary>
    public bool AddInFlight(int limit) => Interlocked.Increment(ref _inFlight) >= limit && !Volatile.Read(ref _paused);

    /// <summary>Caller holds <see cref="Gate"/>.</summary>
    public void SetPaused(bool paused) => Volatile.Write(ref _paused, paused);

    /// <summary>Caller holds <see cref="Gate"/>: no pause or resume happens after this.</summary>
    public void MarkRevoked() => Volatile.Write(ref _revoked, true);

    public void Complete(long offset)
    {
        Tracker.Complete(offset);
        var remaining = Interlocked.Decrement(ref _inFlight);
        owner.OnCompleted(this, remaining);
    }

    public void DeadLetter(KafkaRecord record, string reason) => owner.DeadLetter(this, record, reason);
}
