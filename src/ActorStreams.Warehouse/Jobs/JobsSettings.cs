using ActorStreams.Hocon;

namespace ActorStreams.Warehouse.Jobs;

/// <summary>Settings of the <c>actorstreams.jobs</c> section: the scheduled jobs (docs/lake.md, Scheduled jobs; reference.conf explains every key).</summary>
public sealed record JobsSettings
{
    /// <summary>The HOCON section.</summary>
    public const string Section = "actorstreams.jobs";

    /// <summary>The defaults (equal to reference.conf).</summary>
    public static JobsSettings Default { get; } = new();

    /// <summary><c>enabled</c>: whether the cluster runs the scheduler (a cluster singleton).</summary>
    public bool Enabled { get; init; }

    /// <summary><c>history-size</c>: the runs of each job the scheduler keeps.</summary>
    public int HistorySize { get; init; } = 50;

    /// <summary><c>hourly.at-minute</c>: the minute of the hour the hourly job runs at.</summary>
    public int HourlyAtMinute { get; init; } = 5;

    /// <summary><c>hourly.interval</c>: how often the hourly job runs (1 h; the demo runs it more often).</summary>
    public TimeSpan HourlyInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>fraud-monitor.interval</c>: the monitor's period and window.</summary>
    public TimeSpan FraudMonitorInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary><c>fraud-monitor.delay</c>: how long after a window's end the monitor evaluates it (the lake's files of the window close).</summary>
    public TimeSpan FraudMonitorDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary><c>fraud-monitor.baseline</c>: the trailing period whose average per interval is the baseline.</summary>
    public TimeSpan FraudMonitorBaseline { get; init; } = TimeSpan.FromHours(24);

    /// <summary><c>fraud-monitor.spike-factor</c>: a count above this many times the baseline is a spike...</summary>
    public double SpikeFactor { get; init; } = 3.0;

    /// <summary><c>fraud-monitor.min-alerts</c>: ...when it is at least this many alerts.</summary>
    public int MinAlerts { get; init; } = 5;

    /// <summary>The first instant of the hourly job's schedule: its runs are this plus multiples of <see cref="HourlyInterval"/>.</summary>
    public TimeSpan HourlyOffset => TimeSpan.FromMinutes(HourlyAtMinute);

    /// <summary>Reads and validates the section (missing keys take the defaults); errors name the key and the value.</summary>
    /// <exception cref="ConfigException">A value has the wrong type or is out of range.</exception>
    public static JobsSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = Default;
        var settings = new JobsSettings
        {
            Enabled = config.GetBoolean($"{Section}.enabled", d.Enabled),
            HistorySize = config.GetInt($"{Section}.history-size", d.HistorySize),
            HourlyAtMinute = config.GetInt($"{Section}.hourly.at-minute", d.HourlyAtMinute),
            HourlyInterval = config.GetTimeSpan($"{Section}.hourly.interval", d.HourlyInterval),
            FraudMonitorInterval = config.GetTimeSpan($"{Section}.fraud-monitor.interval", d.FraudMonitorInterval),
            FraudMonitorDelay = config.GetTimeSpan($"{Section}.fraud-monitor.delay", d.FraudMonitorDelay),
            FraudMonitorBaseline = config.GetTimeSpan($"{Section}.fraud-monitor.baseline", d.FraudMonitorBaseline),
            SpikeFactor = config.GetDouble($"{Section}.fraud-monitor.spike-factor", d.SpikeFactor),
            MinAlerts = config.GetInt($"{Section}.fraud-monitor.min-alerts", d.MinAlerts),
        };
        ConfigBadValueException.ThrowUnless(settings.HistorySize > 0, $"{Section}.history-size", "must be a positive number of runs", settings.HistorySize);
        ConfigBadValueException.ThrowUnless(
            settings.HourlyAtMinute is >= 0 and <= 59, $"{Section}.hourly.at-minute", "must be a minute from 0 to 59", settings.HourlyAtMinute);
        ConfigBadValueException.ThrowUnless(
            settings.HourlyInterval >= TimeSpan.FromSeconds(1), $"{Section}.hourly.interval", "must be a duration of at least 1s", settings.HourlyInterval);
        ConfigBadValueException.ThrowUnless(
            settings.FraudMonitorInterval >= TimeSpan.FromSeconds(1), $"{Section}.fraud-monitor.interval", "must be a duration of at least 1s", settings.FraudMonitorInterval);
        ConfigBadValueException.ThrowUnless(
            settings.FraudMonitorDelay >= TimeSpan.Zero, $"{Section}.fraud-monitor.delay", "must be a duration of 0s or more", settings.FraudMonitorDelay);
        ConfigBadValueException.ThrowUnless(
            settings.FraudMonitorBaseline >= settings.FraudMonitorInterval,
            $"{Section}.fraud-monitor.baseline",
            $"must be a duration of at least {Section}.fraud-monitor.interval ({settings.FraudMonitorInterval})",
            settings.FraudMonitorBaseline);
        ConfigBadValueException.ThrowUnless(
            settings.SpikeFactor > 0 && double.IsFinite(settings.SpikeFactor), $"{Section}.fraud-monitor.spike-factor", "must be a positive number", settings.SpikeFactor);
        ConfigBadValueException.ThrowUnless(settings.MinAlerts >= 1, $"{Section}.fraud-monitor.min-alerts", "must be at least 1", settings.MinAlerts);
        return settings;
    }
}
