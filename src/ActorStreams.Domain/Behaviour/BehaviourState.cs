using System.Buffers;
using ActorStreams.Domain.Behaviour.Internal;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Behaviour;

/// <summary>
/// One customer's behaviour state: its <c>customer-events</c> applied in arrival order, from which
/// <see cref="Compute"/> gives the features as of an instant (docs/design.md §6, Customer behaviour features). The one
/// feature function of online scoring and of training, so the two cannot drift apart. Bounded: a few fixed counters, at
/// most <see cref="BehaviourSettings.WindowDays"/> day buckets and <see cref="BehaviourSettings.MaxTrackedValues"/>
/// categories and devices.
/// </summary>
/// <remarks>
/// Everything applied counts, whatever <c>asOf</c> is given to <see cref="Compute"/>: a snapshot as of T applies only
/// the events up to T (training does). Duplicates are the caller's to drop before <see cref="Apply"/>. Not thread-safe.
/// </remarks>
public sealed class BehaviourState
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private const string Mobile = "mobile";
    private const string Desktop = "desktop";

    private readonly BehaviourSettings _settings;
    private readonly long _gapTicks;
    private readonly long[] _hours = new long[24];
    private readonly long[] _weekdays = new long[7];
    private DayWindow _days;
    private CappedCounts _categories;
    private CappedCounts _devices;

    private long _events;
    private long _firstTicks;
    private long _lastTicks;
    private bool _hasPurchase;
    private long _lastPurchaseTicks;
    private long _mobile;
    private long _desktop;

    // Sessions: the current (newest) one, and what the earlier ones add up to.
    private long _sessions;
    private long _currentStart;
    private long _currentEnd;
    private bool _currentHasCart;
    private bool _currentHasPurchase;
    private long _earlierLengthTicks;
    private long _earlierWithCart;
    private long _earlierAbandoned;
    private double _earlierEwma;

    /// <summary>Creates the state of a customer with no events yet.</summary>
    public BehaviourState(BehaviourSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _gapTicks = settings.SessionGap.Ticks;
        _days = new DayWindow(settings.WindowDays);
        _categories = new CappedCounts(settings.MaxTrackedValues);
        _devices = new CappedCounts(settings.MaxTrackedValues);
    }

    /// <summary>Events applied so far.</summary>
    public long EventCount => _events;

    /// <summary>The earliest event time applied; null before the first event.</summary>
    public EventTime? FirstEventTime => _events > 0 ? new EventTime(_firstTicks) : null;

    /// <summary>The newest event time applied; null before the first event.</summary>
    public EventTime? LastEventTime => _events > 0 ? new EventTime(_lastTicks) : null;

    /// <summary>The newest purchase time applied; null before the first purchase.</summary>
    public EventTime? LastPurchaseTime => _hasPurchase ? new EventTime(_lastPurchaseTicks) : null;

    /// <summary>Day buckets retained (at most <see cref="BehaviourSettings.WindowDays"/>).</summary>
    public int RetainedDays => _days.Length;

    /// <summary>
    /// The end of the current session (its newest event time) when an event at <paramref name="time"/> would start a new
    /// session after it (<c>time &gt; end + gap</c>): the moment a customer's session is known to have ended. Null for
    /// the first event and for an event that joins the current session.
    /// </summary>
    public EventTime? EndedSessionBefore(EventTime time) =>
        _sessions > 0 && time.Ticks > _currentEnd + _gapTicks ? new EventTime(_currentEnd) : null;

    /// <summary>Counts the next event in arrival order.</summary>
    public void Apply(CustomerEvent customerEvent)
    {
        ArgumentNullException.ThrowIfNull(customerEvent);
        var ticks = customerEvent.Timestamp.Ticks;
        var purchase = customerEvent.Type == CustomerEventType.Purchase;
        var amount = purchase ? customerEvent.Amount : 0m;

        ApplySession(ticks, customerEvent.Type);
        _firstTicks = _events == 0 ? ticks : Math.Min(_firstTicks, ticks);
        _lastTicks = _events == 0 ? ticks : Math.Max(_lastTicks, ticks);
        _events++;
        if (purchase)
        {
            _lastPurchaseTicks = _hasPurchase ? Math.Max(_lastPurchaseTicks, ticks) : ticks;
            _hasPurchase = true;
        }

        var day = DayWindow.DayOf(ticks);
        _days.Add(day, DayWindow.DayOf(_lastTicks), purchase, amount);
        _hours[(ticks - (day * TimeSpan.TicksPerDay)) / TimeSpan.TicksPerHour]++;
        _weekdays[MondayFirst(day)]++;
        _categories.Add(customerEvent.Category);
        _devices.Add(customerEvent.Device);
        if (string.Equals(customerEvent.Device, Mobile, StringComparison.Ordinal))
        {
            _mobile++;
        }
        else if (string.Equals(customerEvent.Device, Desktop, StringComparison.Ordinal))
        {
            _desktop++;
        }
    }

    /// <summary>The features of the events applied so far, as of <paramref name="asOf"/>.</summary>
    public BehaviourFeatures Compute(EventTime asOf)
    {
        var scalars = Scalars(asOf);
        var device = _devices.IndexOfMax() is var best and >= 0 ? _devices.NameAt(best) : null;
        return new BehaviourFeatures(scalars, (long[])_hours.Clone(), (long[])_weekdays.Clone(), _categories.Top(_settings.TopCategories), device);
    }

    /// <summary>
    /// Writes <c>Compute(asOf).WriteVector(destination)</c> without allocating: the online scoring path.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="BehaviourFeatures.VectorLength"/>.</exception>
    public void WriteVector(EventTime asOf, Span<float> destination) => Scalars(asOf).WriteVector(destination);

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer) => WriteTo(new SnapshotWriter(buffer));

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static BehaviourState Read(ReadOnlySpan<byte> snapshot, BehaviourSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(BehaviourState));
        var state = ReadFrom(ref reader, settings);
        reader.ExpectEnd();
        return state;
    }

    internal void WriteTo(SnapshotWriter writer)
    {
        writer.WriteByte(SnapshotVersion);
        writer.WriteInt64(_events);
        writer.WriteInt64(_firstTicks);
        writer.WriteInt64(_lastTicks);
        writer.WriteBool(_hasPurchase);
        writer.WriteInt64(_lastPurchaseTicks);
        writer.WriteInt64(_mobile);
        writer.WriteInt64(_desktop);
        writer.WriteInt64(_sessions);
        writer.WriteInt64(_currentStart);
        writer.WriteInt64(_currentEnd);
        writer.WriteBool(_currentHasCart);
        writer.WriteBool(_currentHasPurchase);
        writer.WriteInt64(_earlierLengthTicks);
        writer.WriteInt64(_earlierWithCart);
        writer.WriteInt64(_earlierAbandoned);
        writer.WriteDouble(_earlierEwma);
        foreach (var count in _hours.Concat(_weekdays))
        {
            writer.WriteInt64(count);
        }

        _days.WriteTo(writer);
        _categories.WriteTo(writer);
        _devices.WriteTo(writer);
    }

    internal static BehaviourState ReadFrom(ref SnapshotReader reader, BehaviourSettings settings)
    {
        var state = new BehaviourState(settings);
        reader.ExpectVersion(SnapshotVersion);
        state._events = NonNegative(ref reader);
        state._firstTicks = reader.ReadInt64();
        state._lastTicks = reader.ReadInt64();
        state._hasPurchase = reader.ReadBool();
        state._lastPurchaseTicks = reader.ReadInt64();
        state._mobile = NonNegative(ref reader);
        state._desktop = NonNegative(ref reader);
        state._sessions = NonNegative(ref reader);
        state._currentStart = reader.ReadInt64();
        state._currentEnd = reader.ReadInt64();
        state._currentHasCart = reader.ReadBool();
        state._currentHasPurchase = reader.ReadBool();
        state._earlierLengthTicks = NonNegative(ref reader);
        state._earlierWithCart = NonNegative(ref reader);
        state._earlierAbandoned = NonNegative(ref reader);
        state._earlierEwma = reader.ReadDouble();
        ReadCounts(ref reader, state._hours);
        ReadCounts(ref reader, state._weekdays);
        state._days = DayWindow.ReadFrom(ref reader, settings.WindowDays, state._events > 0 ? DayWindow.DayOf(state._lastTicks) : null);
        state._categories = CappedCounts.ReadFrom(ref reader, settings.MaxTrackedValues);
        state._devices = CappedCounts.ReadFrom(ref reader, settings.MaxTrackedValues);
        if ((state._events == 0) != (state._sessions == 0)
            || state._sessions > state._events
            || state._firstTicks > state._lastTicks
            || state._currentStart > state._currentEnd
            || state._earlierAbandoned > state._earlierWithCart
            || state._mobile + state._desktop > state._events
            || state._hours.Sum() != state._events
            || !(state._earlierEwma is >= 0 and <= 1))
        {
            throw reader.Corrupt("inconsistent counters");
        }

        return state;
    }

    private static void ReadCounts(ref SnapshotReader reader, long[] counts)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = NonNegative(ref reader);
        }
    }

    private static long NonNegative(ref SnapshotReader reader)
    {
        var value = reader.ReadInt64();
        return value >= 0 ? value : throw reader.Corrupt("negative counter");
    }

    private static int MondayFirst(long day)
    {
        // Day 0, 1970-01-01, was a Thursday: index 3 when Monday is 0.
        var index = (day + 3) % 7;
        return (int)(index < 0 ? index + 7 : index);
    }

    private void ApplySession(long ticks, CustomerEventType type)
    {
        if (_sessions == 0 || ticks > _currentEnd + _gapTicks)
        {
            if (_sessions > 0)
            {
                EndCurrentSession();
            }

            _sessions++;
            _currentStart = ticks;
            _currentEnd = ticks;
            _currentHasCart = false;
            _currentHasPurchase = false;
        }
        else
        {
            // Joins the current session, a late event too: the session stretches to cover it.
            _currentStart = Math.Min(_currentStart, ticks);
            _currentEnd = Math.Max(_currentEnd, ticks);
        }

        _currentHasCart |= type == CustomerEventType.AddToCart;
        _currentHasPurchase |= type == CustomerEventType.Purchase;
    }

    private void EndCurrentSession()
    {
        _earlierLengthTicks += _currentEnd - _currentStart;
        if (_currentHasCart)
        {
            _earlierWithCart++;
            if (!_currentHasPurchase)
            {
                _earlierAbandoned++;
            }
        }

        _earlierEwma = Ewma(_sessions - 1, _earlierEwma, _currentHasPurchase);
    }

    /// <summary>The mean after one more session, <paramref name="before"/> sessions having been weighed already.</summary>
    private double Ewma(long before, double previous, bool hadPurchase)
    {
        var signal = hadPurchase ? 0d : 1d;
        var alpha = _settings.SessionEwmaAlpha;
        return before == 0 ? signal : (alpha * signal) + ((1 - alpha) * previous);
    }

    private BehaviourScalars Scalars(EventTime asOf)
    {
        if (_events == 0)
        {
            return default;
        }

        var now = asOf.Ticks;
        var tenure = Days(now - _firstTicks);
        var day = DayWindow.DayOf(now);
        var window = _days.Sum(day - (_settings.WindowDays - 1), day - (_settings.ShortWindowDays - 1), day);

        long withCart = _earlierWithCart, abandoned = _earlierAbandoned;
        if (_currentHasCart && now > _currentEnd + _gapTicks)
        {
            withCart++;
            abandoned += _currentHasPurchase ? 0 : 1;
        }

        var events = (double)_events;
        var top = _categories.IndexOfMax();
        return new BehaviourScalars
        {
            RecencyDays = _hasPurchase ? Days(now - _lastPurchaseTicks) : tenure,
            Frequency90d = window.Purchases,
            Monetary90d = window.Amount,
            TenureDays = tenure,
            DaysSinceLastEvent = Days(now - _lastTicks),
            Events30d = window.ShortEvents,
            Events90d = window.Events,
            Purchases30d = window.ShortPurchases,
            Sessions = _sessions,
            AvgSessionLengthMinutes = (_earlierLengthTicks + (_currentEnd - _currentStart)) / (double)TimeSpan.TicksPerMinute / _sessions,
            EventsPerSession = events / _sessions,
            CartAbandonmentRate = withCart == 0 ? 0 : abandoned / (double)withCart,
            TopCategoryShare = top < 0 ? 0 : _categories.CountAt(top) / events,
            MobileShare = _mobile / events,
            DesktopShare = _desktop / events,
            WeekendShare = (_weekdays[5] + _weekdays[6]) / events,
            NightShare = (_hours[0] + _hours[1] + _hours[2] + _hours[3] + _hours[4] + _hours[5]) / events,
            NoPurchaseSessionEwma = Ewma(_sessions - 1, _earlierEwma, _currentHasPurchase),
        };
    }

    private static double Days(long ticks) => Math.Max(0, ticks) / (double)TimeSpan.TicksPerDay;
}
