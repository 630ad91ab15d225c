using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Loans;

/// <summary>
/// The loan state of one customer (docs/design.md §6): risk scoring needs none; IDENTITY_MISMATCH and BOT_SPEED look at
/// the application alone; APPLICATION_BURST counts the customer's applications that arrived at or before this one
/// (this one included) with <c>t_i − window ≤ t_j ≤ t_i</c>. An application older than the customer's newest
/// application time minus the allowed lateness is late: it is scored and checked by the two per-application rules but
/// neither evaluated by nor added to APPLICATION_BURST, which keeps the state bounded and exact.
/// </summary>
public sealed class CustomerLoanState
{
    private static readonly long[] NoTimes = [];

    private readonly LoanSettings _settings;
    private long _applications;
    private long _lateApplications;
    private long _maxTicks = long.MinValue;

    // Event times of the non-late applications still within reach of a future window, in arrival order.
    private long[] _times = NoTimes;
    private int _count;

    /// <summary>Creates the state of a customer without applications.</summary>
    public CustomerLoanState(LoanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>Applications seen.</summary>
    public long Applications => _applications;

    /// <summary>Applications that were late for APPLICATION_BURST.</summary>
    public long LateApplications => _lateApplications;

    /// <summary>The newest application time seen, if any.</summary>
    public EventTime? MaxEventTime => _applications == 0 ? null : new EventTime(_maxTicks);

    /// <summary>Applications kept for APPLICATION_BURST.</summary>
    public int RetainedApplications => _count;

    /// <summary>Scores an application and runs the customer rules, appending their alerts.</summary>
    public LoanEvaluation Apply(LoanApplication application, EventTime detectedAt, ICollection<LoanFraudAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(alerts);
        var settings = _settings;
        var risk = LoanRisk.Score(application, settings);
        var alerted = false;
        var identityFailed = application.IdentityVerificationScore < settings.IdentityThreshold;
        if (identityFailed)
        {
            alerts.Add(LoanFraudAlert.For(application, LoanFraudRules.IdentityMismatch, detectedAt,
                new("identity_verification_score", application.IdentityVerificationScore), new("threshold", settings.IdentityThreshold)));
            alerted = true;
        }

        if (application.ApplicationDurationSeconds < settings.BotSpeedSeconds)
        {
            alerts.Add(LoanFraudAlert.For(application, LoanFraudRules.BotSpeed, detectedAt,
                new("application_duration_s", (double)application.ApplicationDurationSeconds), new("threshold_s", (double)settings.BotSpeedSeconds)));
            alerted = true;
        }

        var t = application.Timestamp.Ticks;
        _applications++;
        var late = _applications > 1 && t < _maxTicks - settings.AllowedLateness.Ticks;
        if (late)
        {
            _lateApplications++;
            return new LoanEvaluation(risk, true, alerted, identityFailed);
        }

        _maxTicks = Math.Max(_maxTicks, t);
        Prune(_maxTicks - settings.AllowedLateness.Ticks - settings.BurstWindow.Ticks);
        Append(t);
        var from = t - settings.BurstWindow.Ticks;
        var inWindow = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_times[i] >= from && _times[i] <= t)
            {
                inWindow++;
            }
        }

        if (inWindow >= settings.BurstMinCount)
        {
            alerts.Add(LoanFraudAlert.For(application, LoanFraudRules.ApplicationBurst, detectedAt,
                new("count", inWindow), new("min_count", settings.BurstMinCount), new("window_seconds", settings.BurstWindow.TotalSeconds)));
            alerted = true;
        }

        return new LoanEvaluation(risk, false, alerted, identityFailed);
    }

    /// <summary>Writes the state into a customer snapshot.</summary>
    internal void WriteTo(SnapshotWriter writer)
    {
        writer.WriteInt64(_applications);
        writer.WriteInt64(_lateApplications);
        writer.WriteInt64(_maxTicks);
        writer.WriteInt32(_count);
        for (var i = 0; i < _count; i++)
        {
            writer.WriteInt64(_times[i]);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    internal static CustomerLoanState ReadFrom(ref SnapshotReader reader, LoanSettings settings)
    {
        var state = new CustomerLoanState(settings)
        {
            _applications = reader.ReadInt64(),
            _lateApplications = reader.ReadInt64(),
            _maxTicks = reader.ReadInt64(),
        };
        var count = reader.ReadCount(int.MaxValue / 8);
        if (count > 0)
        {
            state._times = new long[count];
            for (var i = 0; i < count; i++)
            {
                state._times[i] = reader.ReadInt64();
            }

            state._count = count;
        }

        return state;
    }

    private void Prune(long before)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_times[i] >= before)
            {
                _times[kept++] = _times[i];
            }
        }

        _count = kept;
    }

    private void Append(long ticks)
    {
        if (_count == _times.Length)
        {
            Array.Resize(ref _times, Math.Max(4, _count * 2));
        }

        _times[_count++] = ticks;
    }
}
