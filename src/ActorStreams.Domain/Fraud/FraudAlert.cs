namespace ActorStreams.Domain.Fraud;

/// <summary>A record of the <c>fraud-alerts</c> topic (docs/design.md §5); plain data for snake_case serialization.</summary>
public sealed record FraudAlert
{
    /// <summary><c>alert_id</c> = <c>&lt;transaction_id&gt;:&lt;RULE&gt;</c>: deterministic, so replays are idempotent.</summary>
    public required string AlertId { get; init; }

    /// <summary><c>rule</c>: one of <see cref="FraudRules"/>.</summary>
    public required string Rule { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required long CustomerId { get; init; }

    /// <summary><c>transaction_id</c> of the transaction that fired.</summary>
    public required string TransactionId { get; init; }

    /// <summary><c>merchant_id</c> of that transaction.</summary>
    public required string MerchantId { get; init; }

    /// <summary><c>merchant_category</c> of that transaction.</summary>
    public required string MerchantCategory { get; init; }

    /// <summary><c>amount</c> of that transaction.</summary>
    public required decimal Amount { get; init; }

    /// <summary><c>event_time</c> of that transaction.</summary>
    public required EventTime EventTime { get; init; }

    /// <summary><c>detected_at</c>: the processing instant passed in by the caller.</summary>
    public required EventTime DetectedAt { get; init; }

    /// <summary><c>severity</c>: one of <see cref="FraudSeverities"/>.</summary>
    public required string Severity { get; init; }

    /// <summary><c>details</c>: the numbers that made the rule fire.</summary>
    public required FraudAlertDetails Details { get; init; }

    /// <summary><c>location</c>: that transaction's coordinates, or null when it had none (an Elasticsearch <c>geo_point</c>).</summary>
    public GeoLocation? Location { get; init; }
}
