using System.Text.Json;
using ActorStreams.Domain.Funnel;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes the <c>churn-segments</c> format of docs/design.md §5: <c>metric_id, window_start, window_end, scored, high,
/// medium, low, threshold, model_version, model_versions</c>. One caller at a time per instance.
/// </summary>
public sealed class ChurnSegmentEncoder : JsonRecordEncoder<ChurnSegmentMetric>
{
    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, ChurnSegmentMetric metric)
    {
        writer.WriteStartObject();
        writer.WriteString(N.MetricId, metric.MetricId);
        JsonFieldWriter.WriteTimestamp(writer, N.WindowStart, metric.WindowStart);
        JsonFieldWriter.WriteTimestamp(writer, N.WindowEnd, metric.WindowEnd);
        writer.WriteNumber("scored", metric.Scored);
        writer.WriteNumber("high", metric.High);
        writer.WriteNumber("medium", metric.Medium);
        writer.WriteNumber("low", metric.Low);
        writer.WriteNumber(N.Threshold, metric.Threshold);
        writer.WriteString("model_version", metric.ModelVersion);
        writer.WriteStartArray("model_versions");
        foreach (var version in metric.ModelVersions)
        {
            writer.WriteStringValue(version);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
