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
