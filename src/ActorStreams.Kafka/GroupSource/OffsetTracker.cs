namespace ActorStreams.Kafka.GroupSource;

/// <summary>
/// Completion tracking for one partition. Records are dispatched in offset order (offsets may have
/// gaps) and complete in any order; <see cref="CommittableOffset"/> is the next offset a checkpoint
/// may store: every dispatched record below it has completed. Thread-safe: the consume thread
/// dispatches, handlers complete from any thread.
/// </summary>
public sealed class OffsetTracker
{
    private readonly Lock _gate = new();
    private long[] _offsets;
    private bool[] _done;
    private int _head;
    private int _count;
    private long _nextAfterLast = -1;

    /// <summary>Creates a tracker; the ring grows beyond <paramref name="initialCapacity"/> when needed.</summary>
    public OffsetTracker(int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _offsets = new long[initialCapacity];
        _done = new bool[initialCapacity];
    }

    /// <summary>
    /// The next offset a checkpoint may store: the oldest incomplete record's offset, or one past the
    /// last dispatched record when all completed; null while the position is unknown (nothing dispatched
    /// and no <see cref="Reset"/>).
    /// </summary>
    public long? CommittableOffset
    {
        get
        {
            lock (_gate)
            {
                if (_count > 0)
                {
                    return _offsets[_head];
                }

                return _nextAfterLast >= 0 ? _nextAfterLast : null;
            }
        }
    }

    /// <summary>Dispatched records not yet completed.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Forgets every pending record and sets the position to <paramref name="nextOffset"/> (after a seek or assignment).</summary>
    public void Reset(long nextOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nextOffset);
        lock (_gate)
        {
            _head = 0;
            _count = 0;
            _nextAfterLast = nextOffset;
        }
    }

    /// <summary>Records that <paramref name="offset"/> was handed to a handler; offsets must increase.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is not beyond the last dispatched one.</exception>
    public void Dispatched(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        lock (_gate)
        {
            if (_count > 0 && offset <= _offsets[Index(_count - 1)])
            {
                throw new ArgumentOutOfRangeException(nameof(offset), offset, "offsets must be dispatched in increasing order");
            }

            if (_count == _offsets.Length)
            {
                Grow();
            }

            var tail = Index(_count);
            _offsets[tail] = offset;
            _done[tail] = false;
            _count++;
            _nextAfterLast = offset + 1;
        }
    }

    /// <summary>Marks <paramref name="offset"/> processed.</summary>
    /// <returns>True when <see cref="CommittableOffset"/> advanced; false when an older record is still pending
    /// or the offset is unknown (already completed, or forgotten by <see cref="Reset"/>).</returns>
    public bool Complete(long offset)
    {
        lock (_gate)
        {
            var position = Find(offset);
            if (position < 0 || _done[Index(position)])
            {
                return false;
            }

            _done[Index(position)] = true;
            if (position != 0)
            {
                return false;
            }

            while (_count > 0 && _done[_head])
            {
                _head = Index(1);
                _count--;
            }

            return true;
        }
    }

    private int Index(int position) => (_head + position) % _offsets.Length;

    // Binary search over the ring, whose offsets increase from the head.
    private int Find(long offset)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var value = _offsets[Index(mid)];
            if (value == offset)
            {
                return mid;
            }

            if (value < offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private void Grow()
    {
        var offsets = new long[_offsets.Length * 2];
        var done = new bool[offsets.Length];
        for (var i = 0; i < _count; i++)
        {
            offsets[i] = _offsets[Index(i)];
            done[i] = _done[Index(i)];
        }

        _offsets = offsets;
        _done = done;
        _head = 0;
    }
}
