namespace ActorStreams.Actors.Internal;

/// <summary>A child's restarts within its supervisor's window; parent's thread only.</summary>
internal sealed class RestartStatistics
{
    private long _windowStart;

    public int Count { get; private set; }

    /// <summary>Counts a restart and returns whether it is within the strategy's limits.</summary>
    public bool RequestRestartPermission(SupervisorStrategy strategy, TimeProvider time)
    {
        var max = strategy.MaxNrOfRetries;
        if (max == 0)
        {
            return false;
        }

        var window = strategy.WithinTimeRange;
        if (window == Timeout.InfiniteTimeSpan)
        {
            Count++;
            return max < 0 || Count <= max;
        }

        var now = time.GetTimestamp();
        if (Count == 0 || time.GetElapsedTime(_windowStart, now) > window)
        {
            _windowStart = now;
            Count = 1;
            return true;
        }

        Count++;
        return max < 0 || Count <= max;
    }
}
