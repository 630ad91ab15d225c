using System.Text.Json;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes a <c>customer-features</c> record (docs/design.md §5): <c>features_id, customer_id, event_id, trigger, as_of</c>,
/// then every behaviour feature by its name, as <c>cmd entity show customer</c> shows them. One caller at a time per instance.
/// </summary>
public sealed class CustomerFeaturesEncoder : JsonRecordEncoder<CustomerFeaturesRecord>
{
    private static readonly JsonEncodedText FeaturesId = JsonEncodedText.Encode("features_id");
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("event_id");
    private static readonly JsonEncodedText Trigger = JsonEncodedText.Encode("trigger");
    private static readonly JsonEncodedText AsOf = JsonEncodedText.Encode("as_of");

    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, CustomerFeaturesRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString(FeaturesId, record.FeaturesId);
        writer.WriteNumber(N.CustomerId, record.CustomerId);
        writer.WriteString(EventId, record.EventId);
        writer.WriteString(Trigger, record.Trigger);
        JsonFieldWriter.WriteTimestamp(writer, AsOf, record.AsOf);
        BehaviourFeaturesJson.WriteFields(writer, record.Features);
        writer.WriteEndObject();
    }
}
