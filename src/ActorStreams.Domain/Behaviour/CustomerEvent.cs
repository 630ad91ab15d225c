namespace ActorStreams.Domain.Behaviour;

/// <summary>
/// One record of the <c>customer-events</c> topic (key <c>customer_id</c>): a customer's view, cart change or purchase,
/// already validated by <see cref="CustomerEventParser"/>.
/// </summary>
public sealed record CustomerEvent
{
    /// <summary><c>event_id</c>: unique per event; a repeated id is a duplicate of the first.</summary>
    public required string EventId { get; init; }

    /// <summary><c>customer_id</c>: the customer (the partitioning key).</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary><c>session_id</c> as the producer assigned it; the features use their own inactivity sessions instead.</summary>
    public required string SessionId { get; init; }

    /// <summary><c>timestamp</c>: the event time, normalised to UTC.</summary>
    public required EventTime Timestamp { get; init; }

    /// <summary><c>type</c>.</summary>
    public required CustomerEventType Type { get; init; }

    /// <summary><c>product_id</c>.</summary>
    public required string ProductId { get; init; }

    /// <summary><c>category</c> of the product.</summary>
    public required string Category { get; init; }

    /// <summary><c>price</c> of one unit, exact decimal (≥ 0).</summary>
    public required decimal Price { get; init; }

    /// <summary><c>quantity</c> (≥ 0).</summary>
    public required int Quantity { get; init; }

    /// <summary><c>device</c>: <c>mobile</c>, <c>desktop</c> or <c>tablet</c> (other values are kept as they are).</summary>
    public required string Device { get; init; }

    /// <summary><c>city</c>, when known.</summary>
    public string? City { get; init; }

    /// <summary><c>country</c>, when known.</summary>
    public string? Country { get; init; }

    /// <summary><c>price × quantity</c>: what a purchase adds to the monetary feature.</summary>
    public decimal Amount => Price * Quantity;
}
