using System.Buffers;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Enrichment;

/// <summary>
/// Recency, frequency and monetary features of one customer's transactions, bounded to a few
/// bytes per active day.
/// </summary>
/// <remarks>
/// Granularity: transactions are counted in UTC calendar-day buckets. As of an instant in day
/// <c>D</c>, frequency and monetary cover every transaction applied so far whose event-time
/// day is in <c>[D − (window − 1), D]</c> (so a transaction later on day <c>D</c> than the
/// instant still counts). Only the days within the window of the newest transaction day are
/// retained, so an activity far older than the newest transaction sees only what is retained.
/// Recency is the fractional days from the newest transaction event time to the instant,
/// clamped at 0. Late transactions count like any other: RFM is not a §6 rule.
/// </remarks>
public sealed class RfmState
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private static readonly DayBucket[] NoBuckets = [];

    private readonly int _windowDays;
    private bool _hasTransactions;
    private long _newestTicks;

    // Ascending by day, all within the window of the newest day.
    private DayBucket[] _buckets = NoBuckets;
    private int _count;

    /// <summary>Creates the state of a customer with no transactions yet.</summary>
    public RfmState(EnrichmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _windowDays = settings.RfmWindowDays;
    }

    /// <summary>Day buckets currently retained.</summary>
    public int RetainedDays => _count;

    /// <summary>Counts a transaction.</summary>
    public void RecordTransaction(EventTime eventTime, decimal amount)
    {
        var ticks = eventTime.Ticks;
        if (!_hasTransactions || ticks > _newestTicks)
        {
            _newestTicks = ticks;
            _hasTransactions = true;
        }

        var day = DayOf(ticks);
        var oldestRetained = DayOf(_newestTicks) - (_windowDays - 1);
        DropBefore(oldestRetained);
        if (day < oldestRetained)
        {
            return;
        }

        var index = _count - 1;
        while (index >= 0 && _buckets[index].Day > day)
        {
            index--;
        }

        if (index >= 0 && _buckets[index].Day == day)
        {
            _buckets[index].Count++;
            _buckets[index].Sum += amount;
            return;
        }

        InsertAt(index + 1, new DayBucket { Day = (int)day, Count = 1, Sum = amount });
    }

    /// <summary>The features as of an instant (an activity's event time).</summary>
    public RfmFeatures Compute(EventTime asOf)
    {
        if (!_hasTransactions)
        {
            return RfmFeatures.None;
        }

        var recency = Math.Max(0, asOf.Ticks - _newestTicks) / (double)TimeSpan.TicksPerDay;
        var last = DayOf(asOf.Ticks);
        var first = last - (_windowDays - 1);
        var frequency = 0;
        var monetary = 0m;
        for (var i = 0; i < _count; i++)
        {
            var day = _buckets[i].Day;
            if (day >= first && day <= last)
            {
                frequency += _buckets[i].Count;
                monetary += _buckets[i].Sum;
            }
        }

        return new RfmFeatures(recency, frequency, monetary);
    }

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer) => WriteTo(new SnapshotWriter(buffer));

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static RfmState Read(ReadOnlySpan<byte> snapshot, EnrichmentSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(RfmState));
        var state = ReadFrom(ref reader, settings);
        reader.ExpectEnd();
        return state;
    }

    internal void WriteTo(SnapshotWriter writer)
    {
        writer.WriteByte(SnapshotVersion);
        writer.WriteBool(_hasTransactions);
        writer.WriteInt64(_newestTicks);
        writer.WriteInt32(_count);
        for (var i = 0; i < _count; i++)
        {
            writer.WriteInt32(_buckets[i].Day);
            writer.WriteInt32(_buckets[i].Count);
            writer.WriteDecimal(_buckets[i].Sum);
        }
    }

    internal static RfmState ReadFrom(ref SnapshotReader reader, EnrichmentSettings settings)
    {
        var state = new RfmState(settings);
        reader.ExpectVersion(SnapshotVersion);
        state._hasTransactions = reader.ReadBool();
        state._newestTicks = reader.ReadInt64();
        var count = reader.ReadCount(1 << 16);
        var buckets = count == 0 ? NoBuckets : new DayBucket[count];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = new DayBucket { Day = reader.ReadInt32(), Count = reader.ReadInt32(), Sum = reader.ReadDecimal() };
            if (i > 0 && buckets[i].Day <= buckets[i - 1].Day)
            {
                throw reader.Corrupt("day buckets out of order");
            }
        }

        state._buckets = buckets;
        state._count = count;
        if (state._hasTransactions)
        {
            // A narrower configured window than the snapshot's keeps the invariant.
            state.DropBefore(DayOf(state._newestTicks) - (state._windowDays - 1));
        }

        return state;
    }

    private static long DayOf(long ticks) =>
        Math.DivRem(ticks, TimeSpan.TicksPerDay, out var rem) - (rem < 0 ? 1 : 0);

    private void DropBefore(long day)
    {
        var drop = 0;
        while (drop < _count && _buckets[drop].Day < day)
        {
            drop++;
        }

        if (drop == 0)
        {
            return;
        }

        Array.Copy(_buckets, drop, _buckets, 0, _count - drop);
        Array.Clear(_buckets, _count - drop, drop);
        _count -= drop;
    }

    private void InsertAt(int index, DayBucket bucket)
    {
        if (_count == _buckets.Length)
        {
            var grown = new DayBucket[Math.Min(_windowDays, Math.Max(2, _buckets.Length * 2))];
            Array.Copy(_buckets, grown, _count);
            _buckets = grown;
        }

        Array.Copy(_buckets, index, _buckets, index + 1, _count - index);
        _buckets[index] = bucket;
        _count++;
    }

    private struct DayBucket
    {
        public int Day;
        public int Count;
        public decimal Sum;
    }
}
