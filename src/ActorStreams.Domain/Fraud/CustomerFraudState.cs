using ActorStreams.Domain.Events;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Fraud;

/// <summary>
/// The fraud-rule state of one customer (docs/design.md §6), fed its transactions in arrival order.
/// Mutable and deterministic: the same sequence of <see cref="Apply"/> calls gives the same
/// alerts, and a snapshot restored with <see cref="Read"/> continues exactly as the original.
/// </summary>
/// <remarks>
/// State is bounded: the windowed rules keep only the non-late transactions that a future
/// non-late transaction can still reach (event time ≥ maxT − lateness − the longer window,
/// exact because maxT only grows), the travel rule one previous location, and NEW_DEVICE
/// the most-recently-used distinct devices.
/// </remarks>
public sealed partial class CustomerFraudState
{
    private const long NoAnchor = long.MinValue;
    private const int MinWindowCapacity = 4;
    private static readonly WindowEntry[] NoEntries = [];
    private static readonly string[] NoDevices = [];

    private readonly FraudRuleSettings _settings;
    private long _transactionCount;
    private long _lateEvents;
    private long _maxT;
    private long _rapidFireAnchor = NoAnchor;
    private long _velocityAnchor = NoAnchor;
    private long _travelTicks;
    private double _travelLatitude;
    private double _travelLongitude;
    private bool _hasTravelAnchor;

    // Non-late transactions sorted by event time, live in [_windowHead, _windowHead + _windowCount),
    // with running totals so window sums are a subtraction and counts a binary search.
    private WindowEntry[] _window = NoEntries;
    private decimal _baseBeforeHead;
    private int _windowHead;
    private int _windowCount;

    // Distinct devices, most recently used first.
    private string[] _devices = NoDevices;
    private int _deviceCount;

    /// <summary>Creates the empty state of a customer with no transactions yet.</summary>
    public CustomerFraudState(FraudRuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>Transactions applied so far, late ones included.</summary>
    public long TransactionCount => _transactionCount;

    /// <summary>Transactions that were late (<c>late_events</c>).</summary>
    public long LateEvents => _lateEvents;

    /// <summary>The newest event time seen (<c>maxT</c>), or null before the first transaction.</summary>
    public EventTime? MaxEventTime => _transactionCount > 0 ? new EventTime(_maxT) : null;

    /// <summary>Non-late transactions still retained for the windowed rules.</summary>
    public int WindowedTransactionCount => _windowCount;

    /// <summary>The remembered distinct devices, most recently used first.</summary>
    public ReadOnlySpan<string> RecentDevices => _devices.AsSpan(0, _deviceCount);

    /// <summary>
    /// Evaluates every rule for the next transaction in arrival order, appends one alert per
    /// rule that fired (in the order of docs/design.md §6) and updates the state. Nothing is
    /// allocated when no rule fires.
    /// </summary>
    /// <param name="transaction">The transaction; its <see cref="Transaction.Timestamp"/> is its event time.</param>
    /// <param name="detectedAt">The processing instant written to <c>detected_at</c>.</param>
    /// <param name="alerts">Receives the alerts.</param>
    public FraudEvaluation Apply(Transaction transaction, EventTime detectedAt, ICollection<FraudAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(alerts);

        var settings = _settings;
        var t = transaction.Timestamp.Ticks;
        var amount = transaction.Amount;
        var hasEarlier = _transactionCount > 0;
        var late = hasEarlier && t < _maxT - settings.AllowedLateness.Ticks;
        var fired = FraudRuleSet.None;

        if (amount > settings.HighAmountThreshold)
        {
            fired |= FraudRuleSet.HighAmount;
            alerts.Add(CreateAlert(transaction, FraudRuleSet.HighAmount, detectedAt, new FraudAlertDetails
            {
                Threshold = settings.HighAmountThreshold,
                Late = late ? true : null,
            }));
        }

        if (late)
        {
            _lateEvents++;
        }
        else
        {
            if (!hasEarlier || t > _maxT)
            {
                _maxT = t;
            }

            fired |= ApplyWindowed(transaction, t, amount, detectedAt, alerts);
            fired |= ApplyTravel(transaction, t, detectedAt, alerts);
        }

        var deviceId = transaction.DeviceId;
        var deviceIndex = IndexOfDevice(deviceId);
        if (hasEarlier && deviceIndex < 0 && amount > settings.NewDeviceMinAmount)
        {
            fired |= FraudRuleSet.NewDevice;
            alerts.Add(CreateAlert(transaction, FraudRuleSet.NewDevice, detectedAt, new FraudAlertDetails
            {
                Threshold = settings.NewDeviceMinAmount,
                KnownDeviceCount = _deviceCount,
                Late = late ? true : null,
            }));
        }

        MoveDeviceToFront(deviceId, deviceIndex);
        _transactionCount++;
        return new FraudEvaluation(fired, late);
    }

    private FraudRuleSet ApplyWindowed(Transaction transaction, long t, decimal amount, EventTime detectedAt, ICollection<FraudAlert> alerts)
    {
        var settings = _settings;
        Prune(_maxT - settings.RetentionTicks);

        // Entries before the insertion point are exactly the earlier non-late j with t_j ≤ t_i;
        // it is the end unless i is out of order, so this walk is short.
        var entries = _window;
        var head = _windowHead;
        var position = head + _windowCount;
        while (position > head && entries[position - 1].Ticks > t)
        {
            position--;
        }

        var rapidStart = LowerBound(head, position, t - settings.RapidFireWindow.Ticks);
        var velocityStart = LowerBound(head, position, t - settings.VelocityWindow.Ticks);
        var rapidCount = position - rapidStart + 1;
        var velocityCount = position - velocityStart + 1;
        var sum = CumulativeBefore(position) - CumulativeBefore(velocityStart) + amount;

        Insert(position, t, amount);

        var fired = FraudRuleSet.None;
        if (rapidCount >= settings.RapidFireMinCount && CooldownAllows(_rapidFireAnchor, t))
        {
            _rapidFireAnchor = t;
            fired |= FraudRuleSet.RapidFire;
            alerts.Add(CreateAlert(transaction, FraudRuleSet.RapidFire, detectedAt, new FraudAlertDetails
            {
                Count = rapidCount,
                MinCount = settings.RapidFireMinCount,
                WindowSeconds = settings.RapidFireWindow.TotalSeconds,
            }));
        }

        if (sum > settings.VelocityAmountThreshold && CooldownAllows(_velocityAnchor, t))
        {
            _velocityAnchor = t;
            fired |= FraudRuleSet.Velocity;
            alerts.Add(CreateAlert(transaction, FraudRuleSet.Velocity, detectedAt, new FraudAlertDetails
            {
                Sum = Canonical(sum),
                Count = velocityCount,
                Threshold = settings.VelocityAmountThreshold,
                WindowSeconds = settings.VelocityWindow.TotalSeconds,
            }));
        }

        return fired;
    }

    private FraudRuleSet ApplyTravel(Transaction transaction, long t, EventTime detectedAt, ICollection<FraudAlert> alerts)
    {
        if (transaction.Latitude is not { } latitude || transaction.Longitude is not { } longitude)
        {
            return FraudRuleSet.None;
        }

        var fired = FraudRuleSet.None;
        if (_hasTravelAnchor)
        {
            var settings = _settings;
            var distance = Geo.HaversineKm(_travelLatitude, _travelLongitude, latitude, longitude);
            if (distance > settings.TravelMinDistanceKm)
            {
                var elapsedTicks = Math.Max(Math.Abs(t - _travelTicks), TimeSpan.TicksPerSecond);
                var speed = distance / ((double)elapsedTicks / TimeSpan.TicksPerHour);
                if (speed > settings.TravelMaxSpeedKmh)
                {
                    fired = FraudRuleSet.ImpossibleTravel;
                    alerts.Add(CreateAlert(transaction, FraudRuleSet.ImpossibleTravel, detectedAt, new FraudAlertDetails
                    {
                        DistanceKm = distance,
                        SpeedKmh = speed,
                        ElapsedSeconds = (double)elapsedTicks / TimeSpan.TicksPerSecond,
                        PreviousLatitude = _travelLatitude,
                        PreviousLongitude = _travelLongitude,
                    }));
                }
            }
        }

        _hasTravelAnchor = true;
        _travelLatitude = latitude;
        _travelLongitude = longitude;
        _travelTicks = t;
        return fired;
    }

    /// <summary>
    /// The running totals carry the largest scale ever seen, so the same sum can come out as
    /// 1000.01 or 1000.0100 depending on history. A canonical scale (trailing zeros stripped,
    /// at least two decimals) makes alerts identical on replay and after a restore.
    /// </summary>
    private static decimal Canonical(decimal value) => (value / 1.0000000000000000000000000000m) + 0.00m;

    private bool CooldownAllows(long anchor, long t) => anchor == NoAnchor || t >= anchor + _settings.Cooldown.Ticks;

    private void Prune(long cutoff)
    {
        var entries = _window;
        var end = _windowHead + _windowCount;
        while (_windowHead < end && entries[_windowHead].Ticks < cutoff)
        {
            _baseBeforeHead = entries[_windowHead].Cumulative;
            _windowHead++;
        }

        _windowCount = end - _windowHead;
        if (_windowCount == 0)
        {
            _windowHead = 0;
            _baseBeforeHead = 0m;
        }

        // Give memory back after a burst so idle customers stay small.
        if (entries.Length > 4 * MinWindowCapacity && _windowCount < entries.Length / 4)
        {
            Resize(Math.Max(MinWindowCapacity, entries.Length / 2));
        }
    }

    private void Insert(int position, long ticks, decimal amount)
    {
        if (_windowHead + _windowCount == _window.Length)
        {
            var offset = _windowHead;
            if (_windowCount < (_window.Length / 2) + 1 && offset > 0)
            {
                // Compact to the start instead of growing.
                Array.Copy(_window, offset, _window, 0, _windowCount);
                Array.Clear(_window, _windowCount, offset);
                _windowHead = 0;
                Rebase();
            }
            else
            {
                Resize(Math.Max(MinWindowCapacity, _window.Length * 2));
            }

            position -= offset;
        }

        var end = _windowHead + _windowCount;
        var cumulative = CumulativeBefore(position) + amount;
        if (position < end)
        {
            Array.Copy(_window, position, _window, position + 1, end - position);
            for (var k = position + 1; k <= end; k++)
            {
                _window[k] = _window[k] with { Cumulative = _window[k].Cumulative + amount };
            }
        }

        _window[position] = new WindowEntry(ticks, cumulative);
        _windowCount++;
    }

    private void Resize(int capacity)
    {
        var resized = new WindowEntry[capacity];
        Array.Copy(_window, _windowHead, resized, 0, _windowCount);
        _window = resized;
        _windowHead = 0;
        Rebase();
    }

    /// <summary>Keeps the running totals small: they only matter relative to each other.</summary>
    private void Rebase()
    {
        var baseline = _baseBeforeHead;
        if (baseline == 0m)
        {
            return;
        }

        for (var k = _windowHead; k < _windowHead + _windowCount; k++)
        {
            _window[k] = _window[k] with { Cumulative = _window[k].Cumulative - baseline };
        }

        _baseBeforeHead = 0m;
    }

    /// <summary>The running total of the amounts of the entries before <paramref name="index"/>.</summary>
    private decimal CumulativeBefore(int index) => index == _windowHead ? _baseBeforeHead : _window[index - 1].Cumulative;

    /// <summary>The first index in [from, to) whose event time is at least <paramref name="ticks"/>.</summary>
    private int LowerBound(int from, int to, long ticks)
    {
        var entries = _window;
        while (from < to)
        {
            var middle = (int)((uint)(from + to) >> 1);
            if (entries[middle].Ticks < ticks)
            {
                from = middle + 1;
            }
            else
            {
                to = middle;
            }
        }

        return from;
    }

    private int IndexOfDevice(string deviceId)
    {
        var devices = _devices;
        for (var i = 0; i < _deviceCount; i++)
        {
            if (string.Equals(devices[i], deviceId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void MoveDeviceToFront(string deviceId, int index)
    {
        if (index == 0)
        {
            return;
        }

        if (index < 0)
        {
            var limit = _settings.DeviceHistorySize;
            if (_deviceCount < limit)
            {
                if (_deviceCount == _devices.Length)
                {
                    var grown = new string[Math.Min(limit, Math.Max(2, _devices.Length * 2))];
                    Array.Copy(_devices, grown, _deviceCount);
                    _devices = grown;
                }

                _deviceCount++;
            }

            // The least recently used device falls off the end when the list is full.
            index = _deviceCount - 1;
        }

        Array.Copy(_devices, 0, _devices, 1, index);
        _devices[0] = deviceId;
    }

    private static FraudAlert CreateAlert(Transaction transaction, FraudRuleSet rule, EventTime detectedAt, FraudAlertDetails details)
    {
        var name = FraudRules.NameOf(rule);
        return new FraudAlert
        {
            AlertId = string.Concat(transaction.TransactionId.Value, ":", name),
            Rule = name,
            CustomerId = transaction.CustomerId.Value,
            TransactionId = transaction.TransactionId.Value,
            MerchantId = transaction.MerchantId.Value,
            MerchantCategory = transaction.MerchantCategory,
            Amount = transaction.Amount,
            EventTime = transaction.Timestamp,
            DetectedAt = detectedAt,
            Severity = FraudSeverities.Of(rule),
            Details = details,
            Location = transaction.HasCoordinates ? new GeoLocation(transaction.Latitude!.Value, transaction.Longitude!.Value) : null,
        };
    }

    /// <summary>A retained transaction: its event time and the running total of amounts up to and including it.</summary>
    private readonly record struct WindowEntry(long Ticks, decimal Cumulative);
}
