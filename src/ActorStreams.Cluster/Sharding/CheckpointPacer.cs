namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// Keeps checkpointing within a budget of the node's time: it measures the fraction of wall-clock time during which
/// at least one checkpoint write is running, and when that exceeds <see cref="ClusterSettings.CheckpointBudget"/> it
/// stretches every shard's checkpoint interval in proportion (up to <see cref="ClusterSettings.CheckpointMaxInterval"/>).
/// Exactly-once does not depend on the interval; a longer one only means more replay after a crash. Under light load
/// the interval stays <see cref="ClusterSettings.CheckpointInterval"/>. Thread-safe; one per node.
/// </summary>
public sealed class CheckpointPacer
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private readonly ClusterSettings _settings;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _writing;
    private long _busySince;
    private long _windowStart;
    private long _busyInWindow;
    private double _busyFraction;

    /// <summary>Creates the pacer of a node.</summary>
    public CheckpointPacer(ClusterSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _time = time;
        _windowStart = time.GetTimestamp();
    }

    /// <summary>The smoothed fraction of time the store spent writing checkpoints.</summary>
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

    /// <summary>The interval shards should checkpoint at now.</summary>
    public TimeSpan Interval
    {
        get
        {
            var factor = Math.Max(1, BusyFraction / _settings.CheckpointBudget);
            var stretched = TimeSpan.FromTicks((long)Math.Min(_settings.CheckpointInterval.Ticks * factor, _settings.CheckpointMaxInterval.Ticks));
            return stretched < _settings.CheckpointInterval ? _settings.CheckpointInterval : stretched;
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

    /// <summary>Closes the measuring window when it is over (caller holds the lock).</summary>
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

        var fraction = Math.Min(1, _time.GetElapsedTime(0, busy).TotalSeconds / elapsed.TotalSeconds);
        _busyFraction = (_busyFraction + fraction) / 2;
        _busyInWindow = 0;
        _windowStart = now;
    }
}
