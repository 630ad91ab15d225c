namespace ActorStreams.Domain.Events;

/// <summary>A record of the <c>customer-activity</c> topic (docs/design.md §5).</summary>
public sealed record CustomerActivity
{
    /// <summary><c>activity_id</c>: the key of enriched records and of churn alert ids.</summary>
    public required ActivityId ActivityId { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary><c>activity_type</c>.</summary>
    public required string ActivityType { get; init; }

    /// <summary><c>propensity_to_churn</c> in [0, 1].</summary>
    public required double PropensityToChurn { get; init; }

    /// <summary><c>ip_address</c>.</summary>
    public required string IpAddress { get; init; }

    /// <summary><c>offer_id</c>, when the activity refers to an offer.</summary>
    public OfferId? OfferId { get; init; }

    /// <summary>
    /// <c>timestamp</c> as sent; absent means processing time. The domain never reads it:
    /// the caller passes the effective event time (this value, or the processing time).
    /// </summary>
    public EventTime? Timestamp { get; init; }
}
