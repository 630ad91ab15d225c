namespace ActorStreams.Domain.Loans;

/// <summary>A <c>loan-fraud-alerts</c> record (docs/design.md §5, §6).</summary>
public sealed record LoanFraudAlert
{
    /// <summary><c>alert_id</c> = <c>&lt;application_id&gt;:&lt;rule&gt;</c>.</summary>
    public string AlertId => ApplicationId + ":" + Rule;

    /// <summary><c>rule</c>: one of <see cref="LoanFraudRules.All"/>.</summary>
    public required string Rule { get; init; }

    /// <summary><c>application_id</c>.</summary>
    public required string ApplicationId { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary><c>device_id</c>.</summary>
    public required string DeviceId { get; init; }

    /// <summary><c>channel</c>.</summary>
    public required string Channel { get; init; }

    /// <summary><c>loan_amount</c>.</summary>
    public required decimal LoanAmount { get; init; }

    /// <summary><c>event_time</c>: the application's timestamp.</summary>
    public required EventTime EventTime { get; init; }

    /// <summary><c>detected_at</c>: when the rule fired (processing time).</summary>
    public required EventTime DetectedAt { get; init; }

    /// <summary><c>severity</c>.</summary>
    public string Severity => LoanFraudRules.SeverityOf(Rule);

    /// <summary><c>details</c>: the figures behind the verdict.</summary>
    public required IReadOnlyList<LoanAlertDetail> Details { get; init; }

    /// <summary>An alert of <paramref name="rule"/> on <paramref name="application"/>.</summary>
    public static LoanFraudAlert For(LoanApplication application, string rule, EventTime detectedAt, params LoanAlertDetail[] details)
    {
        ArgumentNullException.ThrowIfNull(application);
        return new LoanFraudAlert
        {
            Rule = rule,
            ApplicationId = application.ApplicationId,
            CustomerId = application.CustomerId,
            DeviceId = application.DeviceId,
            Channel = application.Channel,
            LoanAmount = application.LoanAmount,
            EventTime = application.Timestamp,
            DetectedAt = detectedAt,
            Details = details,
        };
    }
}
