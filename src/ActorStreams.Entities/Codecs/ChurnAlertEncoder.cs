using System.Text.Json;
using ActorStreams.Domain.Churn;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes the <c>churn-alerts</c> format of docs/design.md §5: <c>alert_id, customer_id, activity_id, activity_type,
/// score, previous_score, threshold, event_time, detected_at</c>. Doubles are written in round-trip form,
/// instants as ISO-8601 UTC with milliseconds. One caller at a time per instance (see <see cref="IRecordEncoder{T}"/>).
/// </summary>
public sealed class ChurnAlertEncoder : JsonRecordEncoder<ChurnAlert>
{
    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, ChurnAlert alert)
    {
        writer.WriteStartObject();
        writer.WriteString(N.AlertId, alert.AlertId);
        writer.WriteNumber(N.CustomerId, alert.CustomerId);
        writer.WriteNumber(N.ActivityId, alert.ActivityId);
        writer.WriteString(N.ActivityType, alert.ActivityType);
        writer.WriteNumber(N.Score, alert.Score);
        writer.WriteNumber(N.PreviousScore, alert.PreviousScore);
        writer.WriteNumber(N.Threshold, alert.Threshold);
        JsonFieldWriter.WriteTimestamp(writer, N.EventTime, alert.EventTime);
        JsonFieldWriter.WriteTimestamp(writer, N.DetectedAt, alert.DetectedAt);
        writer.WriteEndObject();
    }
}
