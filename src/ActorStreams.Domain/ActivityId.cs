using System.Globalization;

namespace ActorStreams.Domain;

/// <summary>Identifies a customer activity; the key of <c>enriched-activity</c>.</summary>
/// <param name="Value">The numeric id as it appears in <c>activity_id</c>.</param>
public readonly record struct ActivityId(long Value)
{
    /// <summary>The decimal form used as the Kafka key and in alert ids.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
