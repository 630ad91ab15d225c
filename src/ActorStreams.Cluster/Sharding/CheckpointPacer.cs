namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// Keeps checkpointing within a budget of the node's time (<see cref="ClusterSettings.CheckpointBudget"/>). It measures
/// the two costs of checkpoints over windows of two seconds: the store's writes (the fraction of time at least one
/// checkpoint write is running) and the work of capturing the entities' states at barriers (summed over every
/// partition, as a fraction of the node's processor time). While the larger of the two exceeds the budget it stretches
/// every partition's checkpoint interval, up to <see cref="ClusterSettings.CheckpointMaxInterval"/>, and it shrinks the
/// interval back towards <see cref="ClusterSettings.CheckpointInterval"/> once it is below. Exactly-once does not depend
/// on the interval; a longer one only means more replay after a crash. Thread-safe; one per node.
/// </summary>
/// <remarks>
/// Checkpoint costs fall as the interval grows (a busy entity's state is captured once per checkpoint, however many
/// records changed it), so each window moves the interval by the square root of cost over budget: the interval settles
/// where the cost meets the budget instead of swinging between the bounds.
/// </remarks>
public sealed class CheckpointPacer
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private readonly ClusterSettings _settings;
    private readonly TimeProvider _time;
    private readonly int _processors;
    private readonly Lock _gate = new();
    private int _writing;
    private long _busySince;
    private long _windowStart;
    private long _busyInWindow;
    private long _captureInWindow;
    private double _busyFraction;
    private double _intervalSeconds;

    /// <summary>Creates the pacer of a node with <paramref name="processors"/> processors (default: this machine's).</summary>
    public CheckpointPacer(ClusterSettings settings, TimeProvider time, int? processors = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(processors ?? 1, 1, nameof(processors));
        _settings = settings;
        _time = time;
        _processors = processors ?? Environment.ProcessorCount;
        _windowStart = time.GetTimestamp();
        _intervalSeconds = settings.CheckpointInterval.TotalSeconds;
    }

    /// <summary>The share of the node's time checkpoints took in the last measuring window, smoothed.</summary>
    public double BusyFraction
    {
        get
        {
            lock (_gate)
            {
                Roll(_time.GetTimestamp());
                return _busyFraction;
            }
        }
    }

    /// <summary>The interval partitions should checkpoint at now.</summary>
    public TimeSpan Interval
    {
        get
        {
            lock (_gate)
            {
                Roll(_time.GetTimestamp());
                return TimeSpan.FromSeconds(_intervalSeconds);
            }
        }
    }

    /// <summary>A checkpoint write started.</summary>
    public void WriteStarted()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            Roll(now);
            if (_writing++ == 0)
            {
                _busySince = now;
            }
        }
    }

    /// <summary>A checkpoint write ended (successfully or not).</summary>
    public void WriteFinished()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_writing > 0 && --_writing == 0)
            {
                _busyInWindow += now - _busySince;
            }

            Roll(now);
        }
    }

    /// <summary>A partition spent <paramref name="duration"/> capturing its entities' states at a barrier.</summary>
    public void Captured(TimeSpan duration)
    {
        lock (_gate)
        {
            _captureInWindow += Math.Max(0, duration.Ticks);
            Roll(_time.GetTimestamp());
        }
    }

    /// <summary>Closes the measuring window when it is over and adjusts the interval (caller holds the lock).</summary>
    private void Roll(long now)
    {
        var elapsed = _time.GetElapsedTime(_windowStart, now);
        if (elapsed < Window)
        {
            return;
        }

        var busy = _busyInWindow;
        if (_writing > 0)
        {
            busy += now - _busySince;
            _busySince = now;
        }

        var writes = _time.GetElapsedTime(0, busy).TotalSeconds / elapsed.TotalSeconds;
        var captures = TimeSpan.FromTicks(_captureInWindow).TotalSeconds / (elapsed.TotalSeconds * _processors);
        var fraction = Math.Min(1, Math.Max(writes, captures));
        _busyFraction = (_busyFraction + fraction) / 2;
        _busyInWindow = 0;
        _captureInWindow = 0;
        _windowStart = now;

        var step = Math.Sqrt(Math.Max(_busyFraction, 1e-3) / _settings.CheckpointBudget);
        _intervalSeconds = Math.Clamp(
            _intervalSeconds * step,
            _settings.CheckpointInterval.TotalSeconds,
            Math.Max(_settings.CheckpointInterval.TotalSeconds, _settings.CheckpointMaxInterval.TotalSeconds));
    }
}
