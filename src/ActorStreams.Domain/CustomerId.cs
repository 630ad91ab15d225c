using System.Globalization;

namespace ActorStreams.Domain;

/// <summary>Identifies a customer (the key of every customer-keyed topic).</summary>
/// <param name="Value">The numeric customer id as it appears in <c>customer_id</c>.</param>
public readonly record struct CustomerId(long Value)
{
    /// <summary>The decimal form used as the Kafka key.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
