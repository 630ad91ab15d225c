namespace ActorStreams.Actors.Internal;

/// <summary>
/// An actor's keyed timers. A firing sends a <see cref="TimerMessage"/> stamped with the timer's generation;
/// the cell delivers the payload only if that generation is still the current one for the key, so messages of
/// cancelled or replaced timers that are already in the mailbox are dropped. Owner's thread only, except firings.
/// </summary>
internal sealed class TimerScheduler(ActorCell owner) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Timer.Dispose();
        }

        _timers.Clear();
    }

    /// <summary>The payload to deliver, or null when the timer was cancelled or replaced since it fired.</summary>
    public object? Accept(TimerMessage message)
    {
        if (!_timers.TryGetValue(message.Key, out var entry) || entry.Message.Generation != message.Generation)
        {
            return null;
        }

        if (!entry.Periodic)
        {
            _timers.Remove(message.Key);
            entry.Timer.Dispose();
        }

        return message.Payload;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Cancel(key);
        var timerMessage = new TimerMessage(key, unchecked(++_generation), message, owner);
        ITimer timer;
        using (ExecutionContext.SuppressFlow())
        {
            timer = owner.System.TimeProvider.CreateTimer(static s => ((TimerMessage)s!).Fire(), timerMessage, delay, period);
        }

        _timers[key] = new Entry(timerMessage, timer, period != Timeout.InfiniteTimeSpan);
    }

    private readonly record struct Entry(TimerMessage Message, ITimer Timer, bool Periodic);
}

/// <summary>What a timer puts in its owner's mailbox; reused for every firing of a periodic timer.</summary>
internal sealed class TimerMessage(object key, int generation, object payload, ActorCell owner)
{
    public object Key { get; } = key;

    public int Generation { get; } = generation;

    public object Payload { get; } = payload;

    public void Fire() => owner.Tell(this);

    public override string ToString() => $"Timer({Key}, {Payload})";
}
