namespace ActorStreams.TestKit;

/// <summary>
/// A manually driven clock. Time moves only through <see cref="Advance"/> and <see cref="SetUtcNow"/>, which
/// fire every timer that becomes due, synchronously on the calling thread, in due-time order (creation order
/// for equal due times), periodic timers once per elapsed period; during a callback the clock reads the timer's
/// due time. Timers due at the current time fire on the next advance (<c>Advance(TimeSpan.Zero)</c> included).
/// Thread-safe; concurrent advances are serialised.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly Lock _advanceGate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;

    /// <summary>Starts at 2000-01-01T00:00:00Z.</summary>
    public FakeTimeProvider()
        : this(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Starts at <paramref name="start"/>.</summary>
    public FakeTimeProvider(DateTimeOffset start)
    {
        Start = start;
        _now = start;
    }

    /// <summary>The initial time; timestamps count ticks from it.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Number of timers that may still fire.</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => (GetUtcNow() - Start).Ticks;

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing the timers that become due.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_advanceGate)
        {
            SetUtcNow(GetUtcNow() + delta);
        }
    }

    /// <summary>Moves the clock to <paramref name="value"/> (never backwards), firing the timers that become due.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_advanceGate)
        {
            lock (_gate)
            {
                if (value < _now)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, $"the fake clock cannot go back from {_now:O}");
                }
            }

            while (true)
            {
                FakeTimer? due = null;
                lock (_gate)
                {
                    foreach (var timer in _timers)
                    {
                        if (timer.DueTime <= value && (due is null || timer.DueTime < due.DueTime || (timer.DueTime == due.DueTime && timer.Sequence < due.Sequence)))
                        {
                            due = timer;
                        }
                    }

                    if (due is null)
                    {
                        _now = value;
                        break;
                    }

                    if (due.DueTime > _now)
                    {
                        _now = due.DueTime;
                    }

                    if (due.Period > TimeSpan.Zero)
                    {
                        due.DueTime += due.Period;
                        due.Sequence = ++_sequence;
                    }
                    else
                    {
                        _timers.Remove(due);
                    }
                }

                due.Callback(due.State);
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Arm(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        }

        if (period != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        }

        lock (_gate)
        {
            _timers.Remove(timer);
            if (timer.Disposed || dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueTime = _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.Sequence = ++_sequence;
            _timers.Add(timer);
        }
    }

    private void Disarm(FakeTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset DueTime { get; set; }

        public TimeSpan Period { get; set; }

        public long Sequence { get; set; }

        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Disposed)
            {
                return false;
            }

            owner.Arm(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Disarm(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
