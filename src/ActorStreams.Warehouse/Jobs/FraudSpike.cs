using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Warehouse.Jobs;

/// <summary>
/// One spike the fraud monitor found: a rule's or a merchant category's alert count in a window above the spike factor
/// times its trailing baseline. Written to the <c>fraud-monitor</c> topic (schemas/fraud-monitor.avsc), keyed by
/// <see cref="Value"/>; <see cref="MonitorId"/> depends on the window and the dimension only, so a window evaluated again
/// produces the same ids.
/// </summary>
/// <param name="MonitorId"><c>&lt;window_start&gt;:&lt;dimension&gt;:&lt;value&gt;</c>.</param>
/// <param name="WindowStart">The window's start (inclusive).</param>
/// <param name="WindowEnd">The window's end (exclusive).</param>
/// <param name="Dimension"><c>rule</c> or <c>merchant_category</c>.</param>
/// <param name="Value">The rule or the category.</param>
/// <param name="Count">Alerts in the window.</param>
/// <param name="Baseline">Average alerts per interval over the trailing baseline period.</param>
/// <param name="Factor">Count / baseline, or null when the baseline is 0.</param>
/// <param name="DetectedAt">When the monitor ran.</param>
public sealed record FraudSpike(
    string MonitorId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string Dimension, string Value, long Count, double Baseline, double? Factor, DateTimeOffset DetectedAt)
{
    /// <summary>The <c>rule</c> dimension.</summary>
    public const string RuleDimension = "rule";

    /// <summary>The <c>merchant_category</c> dimension.</summary>
    public const string CategoryDimension = "merchant_category";

    /// <summary>The Kafka key: the rule or the category.</summary>
    public string Key => Value;

    /// <summary>The id of <paramref name="dimension"/> = <paramref name="value"/> in the window starting at <paramref name="windowStart"/>.</summary>
    public static string IdOf(DateTimeOffset windowStart, string dimension, string value) =>
        $"{Iso(windowStart)}:{dimension}:{value}";

    /// <summary>The record as the topic carries it: JSON, snake_case, ISO-8601 UTC timestamps with milliseconds.</summary>
    public byte[] ToJsonUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("monitor_id", MonitorId);
            json.WriteString("window_start", Iso(WindowStart));
            json.WriteString("window_end", Iso(WindowEnd));
            json.WriteString("dimension", Dimension);
            json.WriteString("value", Value);
            json.WriteNumber("count", Count);
            json.WriteNumber("baseline", Math.Round(Baseline, 6));
            if (Factor is { } factor)
            {
                json.WriteNumber("factor", Math.Round(factor, 6));
            }
            else
            {
                json.WriteNull("factor");
            }

            json.WriteString("detected_at", Iso(DetectedAt));
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Iso(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
