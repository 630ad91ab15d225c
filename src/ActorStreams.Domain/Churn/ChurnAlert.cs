namespace ActorStreams.Domain.Churn;

/// <summary>A record of the <c>churn-alerts</c> topic (docs/design.md §5); plain data for snake_case serialization.</summary>
public sealed record ChurnAlert
{
    /// <summary>The <c>rule</c> suffix of churn alert ids.</summary>
    public const string RuleName = "CHURN_RISK";

    /// <summary><c>alert_id</c> = <c>&lt;activity_id&gt;:CHURN_RISK</c>.</summary>
    public required string AlertId { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required long CustomerId { get; init; }

    /// <summary><c>activity_id</c> of the activity that crossed the threshold.</summary>
    public required long ActivityId { get; init; }

    /// <summary><c>activity_type</c> of that activity.</summary>
    public required string ActivityType { get; init; }

    /// <summary><c>score</c>: the churn score after that activity.</summary>
    public required double Score { get; init; }

    /// <summary><c>previous_score</c>: the score before it (0 for the first activity).</summary>
    public required double PreviousScore { get; init; }

    /// <summary><c>threshold</c> that was crossed.</summary>
    public required double Threshold { get; init; }

    /// <summary><c>event_time</c> of the activity (its timestamp, or processing time when absent).</summary>
    public required EventTime EventTime { get; init; }

    /// <summary><c>detected_at</c>: the processing instant passed in by the caller.</summary>
    public required EventTime DetectedAt { get; init; }
}
