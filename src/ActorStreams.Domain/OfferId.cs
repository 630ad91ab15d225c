using System.Globalization;

namespace ActorStreams.Domain;

/// <summary>Identifies an offer of the <c>customer-offers</c> reference table.</summary>
/// <param name="Value">The numeric id as it appears in <c>offer_id</c>.</param>
public readonly record struct OfferId(long Value)
{
    /// <summary>The decimal form used as the Kafka key.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
