namespace ActorStreams.Domain.Behaviour;

/// <summary>
/// A <c>CHURN_MODEL</c> record of the <c>churn-alerts</c> topic (docs/design.md §5, §6 Churn model online): the trained
/// model's calibrated churn probability of a customer crossed its threshold upward when the customer was scored.
/// </summary>
public sealed record ChurnModelAlert
{
    /// <summary>The <c>rule</c> of model alerts.</summary>
    public const string RuleName = "CHURN_MODEL";

    /// <summary>What made the customer be scored: the end of a session.</summary>
    public const string SessionEnd = "session_end";

    /// <summary>What made the customer be scored: a purchase.</summary>
    public const string Purchase = "purchase";

    /// <summary><c>alert_id</c> = <c>&lt;event_id&gt;:CHURN_MODEL</c>, the event that triggered the scoring.</summary>
    public required string AlertId { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required long CustomerId { get; init; }

    /// <summary><c>event_id</c>: the purchase, or the event whose arrival ended the session before it.</summary>
    public required string EventId { get; init; }

    /// <summary><c>trigger</c>: <see cref="SessionEnd"/> or <see cref="Purchase"/>.</summary>
    public required string Trigger { get; init; }

    /// <summary><c>model_score</c> (and <c>score</c>): the calibrated churn probability.</summary>
    public required double ModelScore { get; init; }

    /// <summary><c>previous_score</c>: the customer's previous model score (0 before the first).</summary>
    public required double PreviousScore { get; init; }

    /// <summary><c>threshold</c>: the model's decision threshold.</summary>
    public required double Threshold { get; init; }

    /// <summary><c>model</c>: the model's name (<c>fast_tree</c>, <c>logistic_regression</c>).</summary>
    public required string Model { get; init; }

    /// <summary><c>model_version</c>: the model file's version (its hash).</summary>
    public required string ModelVersion { get; init; }

    /// <summary><c>event_time</c>: the instant the features were computed for.</summary>
    public required EventTime EventTime { get; init; }

    /// <summary><c>detected_at</c>: the processing instant.</summary>
    public required EventTime DetectedAt { get; init; }
}
