using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Behaviour.Internal;

/// <summary>
/// Events, purchases and purchase amounts per UTC day, for the days within <c>days</c> of the newest event's day only
/// (at most <c>days</c> buckets, ascending by day).
/// </summary>
internal sealed class DayWindow(int days)
{
    private readonly int _days = days;
    private Bucket[] _buckets = [];
    private int _length;

    /// <summary>Day buckets retained.</summary>
    public int Length => _length;

    /// <summary>The UTC day number (days since 1970-01-01) of an instant.</summary>
    public static long DayOf(long ticks) => Math.DivRem(ticks, TimeSpan.TicksPerDay, out var rem) - (rem < 0 ? 1 : 0);

    /// <summary>Counts an event of <paramref name="day"/> once the newest event's day is <paramref name="newestDay"/>.</summary>
    public void Add(long day, long newestDay, bool purchase, decimal amount)
    {
        var oldest = newestDay - (_days - 1);
        DropBefore(oldest);
        if (day < oldest)
        {
            return;
        }

        var index = _length - 1;
        while (index >= 0 && _buckets[index].Day > day)
        {
            index--;
        }

        if (index < 0 || _buckets[index].Day != day)
        {
            index++;
            Insert(index, day);
        }

        ref var bucket = ref _buckets[index];
        bucket.Events++;
        if (purchase)
        {
            bucket.Purchases++;
            bucket.Amount += amount;
        }
    }

    /// <summary>
    /// Sums the buckets of the days in [<paramref name="first"/>, <paramref name="last"/>], and the events and purchases of
    /// those in [<paramref name="shortFirst"/>, <paramref name="last"/>] (a later first day), in one pass.
    /// </summary>
    public WindowSums Sum(long first, long shortFirst, long last)
    {
        var sums = default(WindowSums);
        for (var i = 0; i < _length; i++)
        {
            ref readonly var bucket = ref _buckets[i];
            if (bucket.Day < first || bucket.Day > last)
            {
                continue;
            }

            sums.Events += bucket.Events;
            sums.Purchases += bucket.Purchases;
            if (bucket.Purchases > 0)
            {
                sums.Amount += bucket.Amount;
            }

            if (bucket.Day >= shortFirst)
            {
                sums.ShortEvents += bucket.Events;
                sums.ShortPurchases += bucket.Purchases;
            }
        }

        return sums;
    }

    public void WriteTo(SnapshotWriter writer)
    {
        writer.WriteInt32(_length);
        for (var i = 0; i < _length; i++)
        {
            writer.WriteInt64(_buckets[i].Day);
            writer.WriteInt32(_buckets[i].Events);
            writer.WriteInt32(_buckets[i].Purchases);
            writer.WriteDecimal(_buckets[i].Amount);
        }
    }

    /// <summary>Restores what <see cref="WriteTo"/> wrote, keeping only the days a (possibly narrower) window retains.</summary>
    public static DayWindow ReadFrom(ref SnapshotReader reader, int days, long? newestDay)
    {
        var window = new DayWindow(days);
        var length = reader.ReadCount(3660);
        window._buckets = length == 0 ? [] : new Bucket[length];
        for (var i = 0; i < length; i++)
        {
            var bucket = new Bucket { Day = reader.ReadInt64(), Events = reader.ReadInt32(), Purchases = reader.ReadInt32(), Amount = reader.ReadDecimal() };
            if ((i > 0 && bucket.Day <= window._buckets[i - 1].Day) || bucket.Events < 1 || bucket.Purchases < 0 || bucket.Purchases > bucket.Events)
            {
                throw reader.Corrupt("day buckets out of order or with impossible counts");
            }

            window._buckets[i] = bucket;
        }

        window._length = length;
        if (newestDay is { } newest)
        {
            window.DropBefore(newest - (days - 1));
        }
        else if (length > 0)
        {
            throw reader.Corrupt("day buckets without events");
        }

        return window;
    }

    private void DropBefore(long day)
    {
        var drop = 0;
        while (drop < _length && _buckets[drop].Day < day)
        {
            drop++;
        }

        if (drop > 0)
        {
            Array.Copy(_buckets, drop, _buckets, 0, _length - drop);
            _length -= drop;
        }
    }

    private void Insert(int index, long day)
    {
        if (_length == _buckets.Length)
        {
            Array.Resize(ref _buckets, Math.Min(_days, Math.Max(4, _buckets.Length * 2)));
        }

        Array.Copy(_buckets, index, _buckets, index + 1, _length - index);
        _buckets[index] = new Bucket { Day = day };
        _length++;
    }

    /// <summary>What <see cref="Sum"/> adds up.</summary>
    public struct WindowSums
    {
        public long Events;
        public long Purchases;
        public decimal Amount;
        public long ShortEvents;
        public long ShortPurchases;
    }

    private struct Bucket
    {
        public long Day;
        public int Events;
        public int Purchases;
        public decimal Amount;
    }
}
