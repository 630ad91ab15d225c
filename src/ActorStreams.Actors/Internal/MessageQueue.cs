namespace ActorStreams.Actors.Internal;

/// <summary>
/// Multi-producer, single-consumer FIFO of envelopes, embedded by value in the actor cell.
/// Storage is a chain of ring segments: the first is allocated on the first enqueue and holds only
/// <see cref="InitialCapacity"/> slots (idle actors stay small); a full ring is frozen and followed by one of
/// twice the size (up to <see cref="MaxCapacity"/>), so a steady state reuses one ring and allocates nothing.
/// Producers reserve a position with one CAS on the segment's tail, then publish by writing the slot's message
/// (null = not yet published). Per-producer order is preserved because positions are reserved in program order.
/// </summary>
internal struct MessageQueue
{
    internal const int InitialCapacity = 4;
    internal const int MaxCapacity = 4096;

    // Added to a segment's tail to freeze it: every later reservation sees the ring as full.
    private const long FreezeOffset = 1L << 40;

    private Segment? _head; // set once by the first producer, then advanced by the consumer only
    private Segment? _tail; // producers

    /// <summary>Enqueues; any thread. The reservation CAS is a full fence, which the cell's wake-up protocol relies on.</summary>
    public void Enqueue(object message, IActorRef? sender)
    {
        var segment = Volatile.Read(ref _tail) ?? CreateFirstSegment();
        while (true)
        {
            var position = Volatile.Read(ref segment.Tail);
            if (position - Volatile.Read(ref segment.HeadCache) >= segment.Capacity)
            {
                var head = Volatile.Read(ref segment.Head);
                segment.HeadCache = head;
                if (position - head >= segment.Capacity)
                {
                    segment = Grow(segment);
                    continue;
                }
            }

            if (Interlocked.CompareExchange(ref segment.Tail, position + 1, position) == position)
            {
                ref var slot = ref segment.Slots[(int)position & segment.Mask];
                slot.Sender = sender;
                Volatile.Write(ref slot.Message, message);
                return;
            }
        }
    }

    /// <summary>Dequeues the next published envelope; consumer thread only.</summary>
    public bool TryDequeue(out Envelope envelope)
    {
        var segment = Volatile.Read(ref _head);
        if (segment is null)
        {
            envelope = default;
            return false;
        }

        while (true)
        {
            var head = segment.Head;
            ref var slot = ref segment.Slots[(int)head & segment.Mask];
            var message = Volatile.Read(ref slot.Message);
            if (message is not null)
            {
                envelope = new Envelope(message, slot.Sender);
                slot.Sender = null;
                slot.Message = null;
                Volatile.Write(ref segment.Head, head + 1);
                return true;
            }

            var next = Volatile.Read(ref segment.Next);
            if (next is null || head != Volatile.Read(ref segment.Tail) - FreezeOffset)
            {
                // Empty, or a producer has reserved the slot but not yet published it: it will schedule us.
                envelope = default;
                return false;
            }

            _head = segment = next;
        }
    }

    /// <summary>
    /// True when a position has been reserved and not consumed (published or not); consumer thread only.
    /// Checked after the cell went idle, so a reservation made before that is never missed.
    /// </summary>
    public bool HasPending()
    {
        var segment = Volatile.Read(ref _head);
        if (segment is null)
        {
            return false;
        }

        var tail = Volatile.Read(ref segment.Tail);
        if (tail >= FreezeOffset)
        {
            tail -= FreezeOffset;
        }

        return tail != segment.Head || Volatile.Read(ref segment.Next) is not null;
    }

    /// <summary>Number of segments allocated now (for tests and memory figures); consumer thread only.</summary>
    internal int SegmentCount()
    {
        var n = 0;
        for (var s = Volatile.Read(ref _head); s is not null; s = Volatile.Read(ref s.Next))
        {
            n++;
        }

        return n;
    }

    private Segment CreateFirstSegment()
    {
        // The consumer starts from _head, so the first segment is published there before producers see it in _tail.
        var segment = new Segment(InitialCapacity);
        if (Interlocked.CompareExchange(ref _head, segment, null) is null)
        {
            Volatile.Write(ref _tail, segment);
            return segment;
        }

        var spin = default(SpinWait);
        Segment? tail;
        while ((tail = Volatile.Read(ref _tail)) is null)
        {
            spin.SpinOnce();
        }

        return tail;
    }

    private Segment Grow(Segment full)
    {
        lock (full)
        {
            var next = Volatile.Read(ref full.Next);
            if (next is not null)
            {
                return next;
            }

            // Freeze first: a producer that read the old tail fails its CAS, and every later one sees a full ring.
            Interlocked.Add(ref full.Tail, FreezeOffset);
            next = new Segment(Math.Min(full.Capacity * 2, MaxCapacity));
            Volatile.Write(ref full.Next, next);
            Volatile.Write(ref _tail, next);
            return next;
        }
    }

    internal struct Slot
    {
        public object? Message;
        public IActorRef? Sender;
    }

    internal sealed class Segment
    {
        public readonly Slot[] Slots;
        public readonly int Mask;
        public long Tail;
        public long Head;
        public long HeadCache;
        public Segment? Next;

        public Segment(int capacity)
        {
            Slots = new Slot[capacity];
            Mask = capacity - 1;
        }

        public int Capacity => Slots.Length;
    }
}
