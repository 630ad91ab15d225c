using System.Text.Json;
using ActorStreams.Domain.Fraud;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes the <c>fraud-alerts</c> format of docs/design.md §5: <c>alert_id, rule, customer_id, transaction_id,
/// merchant_id, merchant_category, amount, event_time, detected_at, severity, details</c>, where <c>details</c>
/// holds only the figures the rule set (snake_case, in <see cref="FraudAlertDetails"/> order). Amounts keep
/// their decimal scale (<c>2000.00</c>), doubles are written in round-trip form, instants as ISO-8601 UTC with
/// milliseconds. One caller at a time per instance (see <see cref="IRecordEncoder{T}"/>).
/// </summary>
public sealed class FraudAlertEncoder : JsonRecordEncoder<FraudAlert>
{
    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, FraudAlert alert)
    {
        writer.WriteStartObject();
        writer.WriteString(N.AlertId, alert.AlertId);
        writer.WriteString(N.Rule, alert.Rule);
        writer.WriteNumber(N.CustomerId, alert.CustomerId);
        writer.WriteString(N.TransactionId, alert.TransactionId);
        writer.WriteString(N.MerchantId, alert.MerchantId);
        writer.WriteString(N.MerchantCategory, alert.MerchantCategory);
        writer.WriteNumber(N.Amount, alert.Amount);
        JsonFieldWriter.WriteTimestamp(writer, N.EventTime, alert.EventTime);
        JsonFieldWriter.WriteTimestamp(writer, N.DetectedAt, alert.DetectedAt);
        writer.WriteString(N.Severity, alert.Severity);
        writer.WriteStartObject(N.Details);
        var details = alert.Details;
        if (details is not null)
        {
            WriteDetails(writer, details);
        }

        writer.WriteEndObject();
        if (alert.Location is { } location)
        {
            writer.WriteStartObject(N.Location);
            writer.WriteNumber(N.Lat, location.Lat);
            writer.WriteNumber(N.Lon, location.Lon);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter writer, FraudAlertDetails details)
    {
        if (details.Threshold is { } threshold)
        {
            writer.WriteNumber(N.Threshold, threshold);
        }

        if (details.Count is { } count)
        {
            writer.WriteNumber(N.Count, count);
        }

        if (details.MinCount is { } minCount)
        {
            writer.WriteNumber(N.MinCount, minCount);
        }

        if (details.Sum is { } sum)
        {
            writer.WriteNumber(N.Sum, sum);
        }

        if (details.WindowSeconds is { } windowSeconds)
        {
            writer.WriteNumber(N.WindowSeconds, windowSeconds);
        }

        if (details.DistanceKm is { } distance)
        {
            writer.WriteNumber(N.DistanceKm, distance);
        }

        if (details.SpeedKmh is { } speed)
        {
            writer.WriteNumber(N.SpeedKmh, speed);
        }

        if (details.ElapsedSeconds is { } elapsed)
        {
            writer.WriteNumber(N.ElapsedSeconds, elapsed);
        }

        if (details.PreviousLatitude is { } latitude)
        {
            writer.WriteNumber(N.PreviousLatitude, latitude);
        }

        if (details.PreviousLongitude is { } longitude)
        {
            writer.WriteNumber(N.PreviousLongitude, longitude);
        }

        if (details.KnownDeviceCount is { } known)
        {
            writer.WriteNumber(N.KnownDeviceCount, known);
        }

        if (details.Late is { } late)
        {
            writer.WriteBoolean(N.Late, late);
        }
    }
}
