namespace ActorStreams.Warehouse.Jobs;

/// <summary>
/// When a job runs: at every instant <c>offset + k × interval</c> counted from the Unix epoch (UTC), so every node computes
/// the same instants (hourly with interval 1 h and offset 5 min: every hour at minute 5).
/// </summary>
/// <param name="Interval">The period.</param>
/// <param name="Offset">Where in the period the runs fall.</param>
public sealed record JobSchedule(TimeSpan Interval, TimeSpan Offset)
{
    /// <summary>The hourly job's schedule.</summary>
    public static JobSchedule Hourly(JobsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new JobSchedule(settings.HourlyInterval, settings.HourlyOffset);
    }

    /// <summary>The fraud monitor's schedule: on the interval's boundaries, plus the delay that lets the window's lake files close.</summary>
    public static JobSchedule FraudMonitor(JobsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new JobSchedule(settings.FraudMonitorInterval, settings.FraudMonitorDelay);
    }

    /// <summary>The schedule of <paramref name="job"/>.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="JobNames.All"/>.</exception>
    public static JobSchedule Of(string job, JobsSettings settings) => job switch
    {
        JobNames.Hourly => Hourly(settings),
        JobNames.FraudMonitor => FraudMonitor(settings),
        _ => throw new ArgumentException($"unknown job \"{job}\"; expected one of {string.Join(", ", JobNames.All)}", nameof(job)),
    };

    /// <summary>The first scheduled instant strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var origin = DateTimeOffset.UnixEpoch + Offset;
        var elapsed = (after - origin).Ticks;
        var periods = elapsed >= 0 ? elapsed / Interval.Ticks : -((-elapsed + Interval.Ticks - 1) / Interval.Ticks);
        var next = origin + TimeSpan.FromTicks((periods + 1) * Interval.Ticks);
        return next;
    }
}
