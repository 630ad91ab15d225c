using System.Text.Json;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes the <c>loan-fraud-alerts</c> format of docs/design.md §5: <c>alert_id, rule, application_id, customer_id,
/// device_id, channel, loan_amount, event_time, detected_at, severity, details</c>, where <c>details</c> holds the
/// figures of the rule. One caller at a time per instance.
/// </summary>
public sealed class LoanFraudAlertEncoder : JsonRecordEncoder<LoanFraudAlert>
{
    private static readonly JsonEncodedText ApplicationId = JsonEncodedText.Encode("application_id");
    private static readonly JsonEncodedText DeviceId = JsonEncodedText.Encode("device_id");
    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText LoanAmount = JsonEncodedText.Encode("loan_amount");

    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, LoanFraudAlert record)
    {
        writer.WriteStartObject();
        writer.WriteString(N.AlertId, record.AlertId);
        writer.WriteString(N.Rule, record.Rule);
        writer.WriteString(ApplicationId, record.ApplicationId);
        writer.WriteNumber(N.CustomerId, record.CustomerId.Value);
        writer.WriteString(DeviceId, record.DeviceId);
        writer.WriteString(Channel, record.Channel);
        writer.WriteNumber(LoanAmount, record.LoanAmount);
        JsonFieldWriter.WriteTimestamp(writer, N.EventTime, record.EventTime);
        JsonFieldWriter.WriteTimestamp(writer, N.DetectedAt, record.DetectedAt);
        writer.WriteString(N.Severity, record.Severity);
        writer.WriteStartObject(N.Details);
        foreach (var detail in record.Details)
        {
            writer.WriteNumber(detail.Name, detail.Value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
