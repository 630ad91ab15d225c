using System.Text.Json;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>The fields every loan window record starts with: <c>metric_id, &lt;key field&gt;, window_start, window_end, applications</c>.</summary>
public abstract class LoanWindowEncoder : JsonRecordEncoder<LoanWindow>
{
    private static readonly JsonEncodedText MetricId = JsonEncodedText.Encode("metric_id");
    private static readonly JsonEncodedText WindowStart = JsonEncodedText.Encode("window_start");
    private static readonly JsonEncodedText WindowEnd = JsonEncodedText.Encode("window_end");
    private static readonly JsonEncodedText Applications = JsonEncodedText.Encode("applications");

    private readonly JsonEncodedText _keyField;

    private protected LoanWindowEncoder(string keyField) => _keyField = JsonEncodedText.Encode(keyField);

    /// <inheritdoc />
    protected sealed override void Write(Utf8JsonWriter writer, LoanWindow record)
    {
        writer.WriteStartObject();
        writer.WriteString(MetricId, record.MetricId);
        writer.WriteString(_keyField, record.Name);
        JsonFieldWriter.WriteTimestamp(writer, WindowStart, record.WindowStart);
        JsonFieldWriter.WriteTimestamp(writer, WindowEnd, record.WindowEnd);
        writer.WriteNumber(Applications, record.Aggregate.Applications);
        WriteFigures(writer, record.Aggregate);
        writer.WriteEndObject();
    }

    /// <summary>Writes the record's own figures after <c>applications</c>.</summary>
    private protected abstract void WriteFigures(Utf8JsonWriter writer, LoanAggregate sums);
}

/// <summary>Writes <c>loan-stats</c> (docs/design.md §5): <c>… approved, rejected, pending, approval_rate, avg_loan_amount, avg_processing_time_s</c>.</summary>
public sealed class LoanStatsEncoder() : LoanWindowEncoder("channel")
{
    private protected override void WriteFigures(Utf8JsonWriter writer, LoanAggregate sums)
    {
        writer.WriteNumber("approved", sums.Approved);
        writer.WriteNumber("rejected", sums.Rejected);
        writer.WriteNumber("pending", sums.Pending);
        writer.WriteNumber("approval_rate", sums.Share(sums.Approved));
        writer.WriteNumber("avg_loan_amount", sums.Mean(sums.LoanAmount));
        writer.WriteNumber("avg_processing_time_s", sums.Mean(sums.ProcessingTime));
    }
}

/// <summary>Writes <c>loan-channels</c> (docs/design.md §5): <c>… conversion_rate, avg_application_duration_s, identity_failure_rate, fraud_alert_rate</c>.</summary>
public sealed class LoanChannelEncoder() : LoanWindowEncoder("channel")
{
    private protected override void WriteFigures(Utf8JsonWriter writer, LoanAggregate sums)
    {
        writer.WriteNumber("conversion_rate", sums.Share(sums.Approved));
        writer.WriteNumber("avg_application_duration_s", sums.Mean(sums.Duration));
        writer.WriteNumber("identity_failure_rate", sums.Share(sums.IdentityFailures));
        writer.WriteNumber("fraud_alert_rate", sums.Share(sums.FraudAlerted));
    }
}

/// <summary>Writes <c>loan-segments</c> (docs/design.md §5): <c>… avg_credit_score, avg_loan_amount, products {…}</c>.</summary>
public sealed class LoanSegmentEncoder() : LoanWindowEncoder("segment")
{
    private protected override void WriteFigures(Utf8JsonWriter writer, LoanAggregate sums)
    {
        writer.WriteNumber("avg_credit_score", sums.Mean(sums.CreditScore));
        writer.WriteNumber("avg_loan_amount", sums.Mean(sums.LoanAmount));
        writer.WriteStartObject("products");
        for (var i = 0; i < LoanProducts.All.Count; i++)
        {
            writer.WriteNumber(LoanProducts.All[i], sums.Products[i]);
        }

        writer.WriteEndObject();
    }
}
