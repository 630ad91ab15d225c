using System.Text.Json;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes the <c>merchant-metrics</c> format of docs/design.md §5: <c>metric_id, merchant_id, merchant_category,
/// window_start, window_end, tx_count, total_amount, avg_amount, max_amount, fraud_alert_count,
/// fraud_labeled_count</c>. Amounts keep their decimal scale; <c>avg_amount</c>, an unrounded decimal quotient of
/// up to 28 digits, is rounded to at most <see cref="AverageDecimals"/> decimal places (midpoints away from zero)
/// and keeps fewer when exact (<c>120.5</c>). One caller at a time per instance (see <see cref="IRecordEncoder{T}"/>).
/// </summary>
public sealed class MerchantMetricEncoder : JsonRecordEncoder<MerchantMetric>
{
    /// <summary>The most decimal places written for <c>avg_amount</c>.</summary>
    public const int AverageDecimals = 10;

    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter writer, MerchantMetric metric)
    {
        writer.WriteStartObject();
        writer.WriteString(N.MetricId, metric.MetricId);
        writer.WriteString(N.MerchantId, metric.MerchantId);
        writer.WriteString(N.MerchantCategory, metric.MerchantCategory);
        JsonFieldWriter.WriteTimestamp(writer, N.WindowStart, metric.WindowStart);
        JsonFieldWriter.WriteTimestamp(writer, N.WindowEnd, metric.WindowEnd);
        writer.WriteNumber(N.TxCount, metric.TxCount);
        writer.WriteNumber(N.TotalAmount, metric.TotalAmount);
        writer.WriteNumber(N.AvgAmount, decimal.Round(metric.AvgAmount, AverageDecimals, MidpointRounding.AwayFromZero));
        writer.WriteNumber(N.MaxAmount, metric.MaxAmount);
        writer.WriteNumber(N.FraudAlertCount, metric.FraudAlertCount);
        writer.WriteNumber(N.FraudLabeledCount, metric.FraudLabeledCount);
        writer.WriteEndObject();
    }
}
