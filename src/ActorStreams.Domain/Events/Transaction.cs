namespace ActorStreams.Domain.Events;

/// <summary>A payment from the <c>transactions</c> topic (docs/design.md §5), already validated by the caller.</summary>
public sealed record Transaction
{
    /// <summary><c>transaction_id</c>: unique id; fraud alert ids derive from it.</summary>
    public required TransactionId TransactionId { get; init; }

    /// <summary><c>customer_id</c>: the paying customer (the partitioning key).</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary><c>merchant_id</c>: the merchant paid.</summary>
    public required MerchantId MerchantId { get; init; }

    /// <summary><c>merchant_category</c>.</summary>
    public required string MerchantCategory { get; init; }

    /// <summary><c>amount</c> (&gt; 0), exact decimal so thresholds compare exactly.</summary>
    public required decimal Amount { get; init; }

    /// <summary><c>currency</c>.</summary>
    public required string Currency { get; init; }

    /// <summary><c>payment_method</c>.</summary>
    public required string PaymentMethod { get; init; }

    /// <summary><c>device_id</c>: the device used; drives <c>NEW_DEVICE</c>.</summary>
    public required string DeviceId { get; init; }

    /// <summary><c>ip_address</c>.</summary>
    public required string IpAddress { get; init; }

    /// <summary><c>latitude</c> in degrees, when known.</summary>
    public double? Latitude { get; init; }

    /// <summary><c>longitude</c> in degrees, when known.</summary>
    public double? Longitude { get; init; }

    /// <summary><c>country</c>, when known.</summary>
    public string? Country { get; init; }

    /// <summary><c>city</c>, when known.</summary>
    public string? City { get; init; }

    /// <summary><c>timestamp</c>: the event time.</summary>
    public required EventTime Timestamp { get; init; }

    /// <summary><c>is_fraud</c>: optional ground-truth label.</summary>
    public bool? IsFraud { get; init; }

    /// <summary>True when both coordinates are present (the travel rule needs both).</summary>
    public bool HasCoordinates => Latitude.HasValue && Longitude.HasValue;
}
