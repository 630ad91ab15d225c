using System.Buffers;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Loans;

/// <summary>
/// The pre-aggregation of one loan partition (docs/design.md §6): the applications its devices evaluated, summed per
/// window and per channel and segment, shipped when the partition's watermark passes the window's end. An application
/// is late (counted in no window) when its window end is at or before the watermark its source carried, or when this
/// partition already shipped that window (possible only after an idle period).
/// </summary>
public sealed class LoanPartials
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private readonly LoanSettings _settings;
    private readonly long _windowTicks;
    private readonly SortedDictionary<(long Start, string Key), LoanAggregate> _open = new(WindowKeyComparer.Instance);
    private long _shippedThrough = long.MinValue;
    private long _lateApplications;
    private long _announcedIndex = long.MinValue;
    private long _announced = long.MinValue;
    private bool _idleAnnounced;

    /// <summary>Creates an empty pre-aggregation.</summary>
    public LoanPartials(LoanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _windowTicks = settings.WindowSize.Ticks;
    }

    /// <summary>Applications counted in no window.</summary>
    public long LateApplications => _lateApplications;

    /// <summary>Open (window, key) partials.</summary>
    public int OpenCount => _open.Count;

    /// <summary>Adds an evaluated application to its channel's and its segment's window.</summary>
    /// <returns>False when it was late for its window.</returns>
    public bool Add(DeviceVerdict verdict)
    {
        var application = verdict.Application;
        var start = application.EventTime.Floor(_settings.WindowSize).Ticks;
        var end = start + _windowTicks;
        if (end <= application.SourceWatermark.Ticks || end <= _shippedThrough)
        {
            _lateApplications++;
            return false;
        }

        var alerted = verdict.FraudAlerted;
        Window(start, LoanWindowKeys.Channel(application.Channel)).Add(application, alerted);
        Window(start, LoanWindowKeys.Segment(LoanSegments.Of(application.CreditScore, _settings))).Add(application, alerted);
        return true;
    }

    /// <summary>Removes and returns the partials of the windows ending at or before <paramref name="watermark"/>.</summary>
    public IReadOnlyList<LoanPartial> Ship(EventTime watermark)
    {
        var through = watermark.Ticks;
        if (through == long.MinValue)
        {
            return [];
        }

        List<LoanPartial>? shipped = null;
        foreach (var ((start, key), aggregate) in _open)
        {
            if (start + _windowTicks > through)
            {
                break;
            }

            (shipped ??= []).Add(new LoanPartial(key, new EventTime(start), aggregate));
        }

        if (shipped is not null)
        {
            foreach (var partial in shipped)
            {
                _open.Remove((partial.WindowStart.Ticks, partial.Key));
            }
        }

        // Only whole windows count as shipped: a window ending after the watermark is still open.
        var floor = FloorDiv(through, _windowTicks) * _windowTicks;
        _shippedThrough = Math.Max(_shippedThrough, floor);
        return shipped ?? (IReadOnlyList<LoanPartial>)[];
    }

    /// <summary>Removes and returns every partial (every upstream source is idle).</summary>
    public IReadOnlyList<LoanPartial> ShipAll()
    {
        var shipped = _open.Select(o => new LoanPartial(o.Key.Key, new EventTime(o.Key.Start), o.Value)).ToList();
        if (shipped.Count > 0)
        {
            _shippedThrough = Math.Max(_shippedThrough, _open.Keys.Max(k => k.Start) + _windowTicks);
        }

        _open.Clear();
        return shipped;
    }

    /// <summary>
    /// Whether to announce <paramref name="watermark"/> to the loan partitions now: once per window boundary it
    /// crosses (their aggregates only need window ends).
    /// </summary>
    public bool TryAnnounce(EventTime watermark)
    {
        var index = FloorDiv(watermark.Ticks, _windowTicks);
        if (index <= _announcedIndex)
        {
            return false;
        }

        _announcedIndex = index;
        _announced = watermark.Ticks;

        // A watermark brings this partition back at the loan partitions that took it for idle: its next idle period must be
        // announced again, or they would wait for it for ever.
        _idleAnnounced = false;
        return true;
    }

    /// <summary>Whether to announce that this partition is idle (once, until it announces a watermark or ships again).</summary>
    public bool TryAnnounceIdle()
    {
        if (_idleAnnounced)
        {
            return false;
        }

        _idleAnnounced = true;
        return true;
    }

    /// <summary>
    /// Before shipping after an idle announcement: true, with the watermark announced last, when the partition must
    /// first tell the loan partitions it is back (they left it out of their minimum).
    /// </summary>
    public bool TryResume(out EventTime lastAnnounced)
    {
        lastAnnounced = new EventTime(_announced);
        if (!_idleAnnounced)
        {
            return false;
        }

        _idleAnnounced = false;
        return true;
    }

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer)
    {
        var writer = new SnapshotWriter(buffer);
        writer.WriteByte(SnapshotVersion);
        writer.WriteInt64(_shippedThrough);
        writer.WriteInt64(_lateApplications);
        writer.WriteInt64(_announcedIndex);
        writer.WriteInt64(_announced);
        writer.WriteBool(_idleAnnounced);
        writer.WriteInt32(_open.Count);
        foreach (var ((start, key), aggregate) in _open)
        {
            writer.WriteInt64(start);
            writer.WriteString(key);
            aggregate.WriteTo(writer);
        }
    }

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static LoanPartials Read(ReadOnlySpan<byte> snapshot, LoanSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(LoanPartials));
        reader.ExpectVersion(SnapshotVersion);
        var state = new LoanPartials(settings)
        {
            _shippedThrough = reader.ReadInt64(),
            _lateApplications = reader.ReadInt64(),
            _announcedIndex = reader.ReadInt64(),
            _announced = reader.ReadInt64(),
            _idleAnnounced = reader.ReadBool(),
        };
        var count = reader.ReadCount(1 << 24);
        for (var i = 0; i < count; i++)
        {
            var start = reader.ReadInt64();
            var key = reader.ReadRequiredString();
            state._open[(start, key)] = LoanAggregate.ReadFrom(ref reader);
        }

        reader.ExpectEnd();
        return state;
    }

    private LoanAggregate Window(long start, string key)
    {
        if (!_open.TryGetValue((start, key), out var aggregate))
        {
            aggregate = new LoanAggregate();
            _open[(start, key)] = aggregate;
        }

        return aggregate;
    }

    private sealed class WindowKeyComparer : IComparer<(long Start, string Key)>
    {
        public static readonly WindowKeyComparer Instance = new();

        public int Compare((long Start, string Key) x, (long Start, string Key) y)
        {
            var byStart = x.Start.CompareTo(y.Start);
            return byStart != 0 ? byStart : string.CompareOrdinal(x.Key, y.Key);
        }
    }

    private static long FloorDiv(long value, long divisor) => (value / divisor) - ((value % divisor) < 0 ? 1 : 0);
}
