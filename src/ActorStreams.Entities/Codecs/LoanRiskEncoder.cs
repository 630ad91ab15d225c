using System.Text.Json;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes the <c>loan-risk</c> format of docs/design.md §5: <c>application_id, customer_id, channel, product, dti, lti,
/// risk_score, risk_level, reasons, event_time</c>. One caller at a time per instance.
/// </summary>
public sealed class LoanRiskEncoder : JsonRecordEncoder<LoanRisk>
{
    private static readonly JsonEncodedText ApplicationId = JsonEncodedText.Encode("application_id");
    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText Product = JsonEncodedText.Encode("product");
    private static readonly JsonEncodedText Dti = JsonEncodedText.Encode("dti");
    private static readonly JsonEncodedText Lti = JsonEncodedText.Encode("lti");
    private static readonly JsonEncodedText RiskScore = JsonEncodedText.Encode("risk_score");
    private static readonly JsonEncodedText RiskLevel = JsonEncodedText.Encode("risk_level");
    private static readonly JsonEncodedText Reasons = JsonEncodedText.Encode("reasons");

    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, LoanRisk record)
    {
        writer.WriteStartObject();
        writer.WriteString(ApplicationId, record.ApplicationId);
        writer.WriteNumber(JsonFieldNames.CustomerId, record.CustomerId.Value);
        writer.WriteString(Channel, record.Channel);
        writer.WriteString(Product, record.Product);
        writer.WriteNumber(Dti, record.Dti);
        writer.WriteNumber(Lti, record.Lti);
        writer.WriteNumber(RiskScore, record.RiskScore);
        writer.WriteString(RiskLevel, record.RiskLevel);
        writer.WriteStartArray(Reasons);
        foreach (var reason in record.Reasons)
        {
            writer.WriteStringValue(reason);
        }

        writer.WriteEndArray();
        JsonFieldWriter.WriteTimestamp(writer, JsonFieldNames.EventTime, record.EventTime);
        writer.WriteEndObject();
    }
}
