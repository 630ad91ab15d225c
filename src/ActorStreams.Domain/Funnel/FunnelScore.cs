namespace ActorStreams.Domain.Funnel;

/// <summary>
/// A churn-model score forwarded by a customer partition to the churn-risk segment windows (docs/design.md §6, Funnel
/// and segments): the last score the customer event <see cref="EventId"/> produced, in the window of that event's time.
/// </summary>
public sealed record FunnelScore
{
    /// <summary>The customer event that produced the score (a purchase, or the event that ended a session).</summary>
    public required string EventId { get; init; }

    /// <summary>The customer.</summary>
    public required long CustomerId { get; init; }

    /// <summary>The event's time: the score belongs to this instant's window.</summary>
    public required EventTime EventTime { get; init; }

    /// <summary>The calibrated churn probability.</summary>
    public required double Score { get; init; }

    /// <summary>The model's threshold when it scored.</summary>
    public required double Threshold { get; init; }

    /// <summary>The model's version.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>The customer partition (upstream source) the event was read from.</summary>
    public required int SourcePartition { get; init; }

    /// <summary>The event's offset in that partition of <c>customer-events</c>; replays repeat it.</summary>
    public required long SourceOffset { get; init; }

    /// <summary>The source's funnel watermark after the event.</summary>
    public required EventTime SourceWatermark { get; init; }
}
