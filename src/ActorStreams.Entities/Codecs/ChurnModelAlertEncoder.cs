using System.Text.Json;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes a <c>CHURN_MODEL</c> record of <c>churn-alerts</c> (docs/design.md §5): <c>alert_id, rule, customer_id,
/// event_id, trigger, score, model_score, previous_score, threshold, model, model_version, event_time, detected_at</c>
/// (no <c>activity_id</c> or <c>activity_type</c>: the EWMA rule's alerts carry those). One caller at a time per instance.
/// </summary>
public sealed class ChurnModelAlertEncoder : JsonRecordEncoder<ChurnModelAlert>
{
    private static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("event_id");
    private static readonly JsonEncodedText Trigger = JsonEncodedText.Encode("trigger");
    private static readonly JsonEncodedText ModelScore = JsonEncodedText.Encode("model_score");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText ModelVersion = JsonEncodedText.Encode("model_version");

    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, ChurnModelAlert alert)
    {
        writer.WriteStartObject();
        writer.WriteString(N.AlertId, alert.AlertId);
        writer.WriteString(Rule, ChurnModelAlert.RuleName);
        writer.WriteNumber(N.CustomerId, alert.CustomerId);
        writer.WriteString(EventId, alert.EventId);
        writer.WriteString(Trigger, alert.Trigger);
        writer.WriteNumber(N.Score, alert.ModelScore);
        writer.WriteNumber(ModelScore, alert.ModelScore);
        writer.WriteNumber(N.PreviousScore, alert.PreviousScore);
        writer.WriteNumber(N.Threshold, alert.Threshold);
        writer.WriteString(Model, alert.Model);
        writer.WriteString(ModelVersion, alert.ModelVersion);
        JsonFieldWriter.WriteTimestamp(writer, N.EventTime, alert.EventTime);
        JsonFieldWriter.WriteTimestamp(writer, N.DetectedAt, alert.DetectedAt);
        writer.WriteEndObject();
    }
}
