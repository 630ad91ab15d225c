using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Domain.Funnel;

/// <summary>
/// A customer event forwarded by a customer partition to the funnel windows of its category (docs/design.md §6, Funnel
/// and segments): what the window needs, and where it came from (for de-duplication of replays and for lateness that does
/// not depend on processing speed).
/// </summary>
public sealed record FunnelEvent
{
    /// <summary>The event's <c>event_id</c>.</summary>
    public required string EventId { get; init; }

    /// <summary>The customer.</summary>
    public required long CustomerId { get; init; }

    /// <summary>The category (the repartition key).</summary>
    public required string Category { get; init; }

    /// <summary>The product.</summary>
    public required string ProductId { get; init; }

    /// <summary>View, cart change or purchase.</summary>
    public required CustomerEventType Type { get; init; }

    /// <summary>The unit price.</summary>
    public required decimal Price { get; init; }

    /// <summary>The quantity.</summary>
    public required int Quantity { get; init; }

    /// <summary>The event time.</summary>
    public required EventTime EventTime { get; init; }

    /// <summary>The customer partition (upstream source) the event was read from.</summary>
    public required int SourcePartition { get; init; }

    /// <summary>The event's offset in that partition of <c>customer-events</c>; replays repeat it.</summary>
    public required long SourceOffset { get; init; }

    /// <summary>The source's funnel watermark after this record (its newest customer-event time, minus grace).</summary>
    public required EventTime SourceWatermark { get; init; }

    /// <summary>Builds the forward of a customer event the customer entity accepted.</summary>
    public static FunnelEvent From(CustomerEvent customerEvent, int sourcePartition, long sourceOffset, EventTime sourceWatermark)
    {
        ArgumentNullException.ThrowIfNull(customerEvent);
        return new FunnelEvent
        {
            EventId = customerEvent.EventId,
            CustomerId = customerEvent.CustomerId.Value,
            Category = customerEvent.Category,
            ProductId = customerEvent.ProductId,
            Type = customerEvent.Type,
            Price = customerEvent.Price,
            Quantity = customerEvent.Quantity,
            EventTime = customerEvent.Timestamp,
            SourcePartition = sourcePartition,
            SourceOffset = sourceOffset,
            SourceWatermark = sourceWatermark,
        };
    }
}
