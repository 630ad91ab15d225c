using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// The JSON records of the internal topic <c>actorstreams-repartition-loans</c> (docs/design.md §6; schema
/// <c>schemas/actorstreams-repartition-loans.avsc</c>), told apart by <c>type</c>:
/// <list type="bullet">
/// <item><c>app</c>, keyed <c>device:&lt;device_id&gt;</c>: a scored application with its source partition, offset and
/// the loan watermark its source carried;</item>
/// <item><c>watermark</c> and <c>idle</c>, unkeyed, sent to every loan partition by each customer partition;</item>
/// <item><c>partial</c>, keyed <c>channel:&lt;channel&gt;</c> or <c>segment:&lt;segment&gt;</c>: a loan partition's sums
/// of one window;</item>
/// <item><c>partial_watermark</c> and <c>partial_idle</c>, unkeyed, sent to every loan partition by each loan
/// partition.</item>
/// </list>
/// Instants are ISO-8601 UTC written losslessly, sums as exact decimals. Decoding is thread-safe; encoding reuses one
/// buffer, so one caller at a time per instance. Loan volumes are modest, so decoding goes through a
/// <see cref="JsonDocument"/> rather than a hand-written reader.
/// </summary>
public sealed class LoanRecordCodec
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText SourcePartition = JsonEncodedText.Encode("source_partition");
    private static readonly JsonEncodedText WatermarkName = JsonEncodedText.Encode("watermark");
    private static readonly JsonEncodedText WindowStart = JsonEncodedText.Encode("window_start");

    private readonly JsonOutput _output = new();

    /// <summary>An application for its device.</summary>
    public byte[] EncodeApplication(LoanForward application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var writer = _output.Start();
        writer.WriteStartObject();
        writer.WriteString(Type, "app");
        writer.WriteString("application_id", application.ApplicationId);
        writer.WriteNumber("customer_id", application.CustomerId.Value);
        writer.WriteString("device_id", application.DeviceId);
        writer.WriteString("channel", application.Channel);
        writer.WriteString("product", application.Product);
        writer.WriteNumber("credit_score", application.CreditScore);
        writer.WriteString("decision", application.Decision);
        writer.WriteNumber("loan_amount", application.LoanAmount);
        writer.WriteNumber("processing_time_s", application.ProcessingTimeSeconds);
        writer.WriteNumber("application_duration_s", application.ApplicationDurationSeconds);
        writer.WriteBoolean("identity_failed", application.IdentityFailed);
        writer.WriteBoolean("customer_alerted", application.CustomerAlerted);
        JsonFieldWriter.WriteExactTimestamp(writer, JsonFieldNames.EventTime, application.EventTime);
        writer.WriteNumber(SourcePartition, application.SourcePartition);
        writer.WriteNumber("source_offset", application.SourceOffset);
        JsonFieldWriter.WriteExactTimestamp(writer, JsonFieldNames.SourceWatermark, application.SourceWatermark);
        writer.WriteEndObject();
        return _output.ToArray();
    }

    /// <summary>A loan partition's partial of one window and key.</summary>
    public byte[] EncodePartial(LoanPartial partial, int sourcePartition)
    {
        ArgumentNullException.ThrowIfNull(partial);
        var writer = _output.Start();
        var sums = partial.Aggregate;
        writer.WriteStartObject();
        writer.WriteString(Type, "partial");
        writer.WriteString("key", partial.Key);
        JsonFieldWriter.WriteExactTimestamp(writer, WindowStart, partial.WindowStart);
        writer.WriteNumber(SourcePartition, sourcePartition);
        writer.WriteNumber("applications", sums.Applications);
        writer.WriteNumber("approved", sums.Approved);
        writer.WriteNumber("rejected", sums.Rejected);
        writer.WriteNumber("pending", sums.Pending);
        writer.WriteNumber("identity_failures", sums.IdentityFailures);
        writer.WriteNumber("fraud_alerted", sums.FraudAlerted);
        writer.WriteNumber("loan_amount", sums.LoanAmount);
        writer.WriteNumber("processing_time_s", sums.ProcessingTime);
        writer.WriteNumber("application_duration_s", sums.Duration);
        writer.WriteNumber("credit_score", sums.CreditScore);
        writer.WriteStartObject("products");
        for (var i = 0; i < LoanProducts.All.Count; i++)
        {
            writer.WriteNumber(LoanProducts.All[i], sums.Products[i]);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        return _output.ToArray();
    }

    /// <summary>A watermark control record: a customer partition's (<paramref name="partial"/> false) or a loan partition's.</summary>
    public byte[] EncodeWatermark(int sourcePartition, EventTime watermark, bool partial)
    {
        var writer = _output.Start();
        writer.WriteStartObject();
        writer.WriteString(Type, partial ? "partial_watermark" : "watermark");
        writer.WriteNumber(SourcePartition, sourcePartition);
        JsonFieldWriter.WriteExactTimestamp(writer, WatermarkName, watermark);
        writer.WriteEndObject();
        return _output.ToArray();
    }

    /// <summary>An idle control record: a customer partition's (<paramref name="partial"/> false) or a loan partition's.</summary>
    public byte[] EncodeIdle(int sourcePartition, bool partial)
    {
        var writer = _output.Start();
        writer.WriteStartObject();
        writer.WriteString(Type, partial ? "partial_idle" : "idle");
        writer.WriteNumber(SourcePartition, sourcePartition);
        writer.WriteEndObject();
        return _output.ToArray();
    }

    /// <summary>Decodes a record; unknown fields are ignored.</summary>
    /// <returns>True with <paramref name="record"/> set, or false with the dead-letter <paramref name="error"/>.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> value, out LoanRecord record, [NotNullWhen(false)] out string? error)
    {
        record = default;
        if (!JsonFieldReader.TryCheckValue(value, out error))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(value);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "a repartition record must be a JSON object";
                return false;
            }

            var type = Text(root, "type");
            var source = Int32(root, "source_partition");
            if (source < 0)
            {
                throw new FormatException($"field \"source_partition\" must be >= 0, got {source}");
            }

            record = type switch
            {
                "app" => new LoanRecord(LoanRecordKind.Application, source, Application(root, source), default, null),
                "watermark" => new LoanRecord(LoanRecordKind.Watermark, source, null, Time(root, "watermark"), null),
                "idle" => new LoanRecord(LoanRecordKind.Idle, source, null, default, null),
                "partial" => new LoanRecord(LoanRecordKind.Partial, source, null, default, Partial(root)),
                "partial_watermark" => new LoanRecord(LoanRecordKind.PartialWatermark, source, null, Time(root, "watermark"), null),
                "partial_idle" => new LoanRecord(LoanRecordKind.PartialIdle, source, null, default, null),
                _ => throw new FormatException($"field \"type\" must be app, watermark, idle, partial, partial_watermark or partial_idle, got \"{type}\""),
            };
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = JsonFieldReader.NotJson(ex);
            return false;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
        {
            error = "invalid repartition record: " + ex.Message;
            return false;
        }
    }

    private static LoanForward Application(JsonElement root, int source) => new()
    {
        ApplicationId = Text(root, "application_id"),
        CustomerId = new CustomerId(Int64(root, "customer_id")),
        DeviceId = Text(root, "device_id"),
        Channel = Choice(root, "channel", LoanChannels.All),
        Product = Choice(root, "product", LoanProducts.All),
        CreditScore = Int32(root, "credit_score"),
        Decision = Choice(root, "decision", LoanDecisions.All),
        LoanAmount = Get(root, "loan_amount").GetDecimal(),
        ProcessingTimeSeconds = Get(root, "processing_time_s").GetDecimal(),
        ApplicationDurationSeconds = Get(root, "application_duration_s").GetDecimal(),
        IdentityFailed = Get(root, "identity_failed").GetBoolean(),
        CustomerAlerted = Get(root, "customer_alerted").GetBoolean(),
        EventTime = Time(root, "event_time"),
        SourcePartition = source,
        SourceOffset = Int64(root, "source_offset"),
        SourceWatermark = Time(root, "source_watermark"),
    };

    private static LoanPartial Partial(JsonElement root)
    {
        var key = Text(root, "key");
        if (!LoanWindowKeys.IsAggregate(key))
        {
            throw new FormatException($"field \"key\" must start with {LoanWindowKeys.ChannelPrefix} or {LoanWindowKeys.SegmentPrefix}, got \"{key}\"");
        }

        var productsElement = Get(root, "products");
        Span<long> products = stackalloc long[LoanProducts.All.Count];
        for (var i = 0; i < products.Length; i++)
        {
            products[i] = productsElement.TryGetProperty(LoanProducts.All[i], out var count) ? count.GetInt64() : 0;
        }

        var aggregate = LoanAggregate.Create(
            Int64(root, "applications"), Int64(root, "approved"), Int64(root, "rejected"), Int64(root, "pending"),
            Int64(root, "identity_failures"), Int64(root, "fraud_alerted"),
            Get(root, "loan_amount").GetDecimal(), Get(root, "processing_time_s").GetDecimal(), Get(root, "application_duration_s").GetDecimal(),
            Int64(root, "credit_score"), products);
        return new LoanPartial(key, Time(root, "window_start"), aggregate);
    }

    private static JsonElement Get(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new FormatException($"missing field \"{name}\"");

    private static string Text(JsonElement root, string name) =>
        Get(root, name).GetString() ?? throw new FormatException($"field \"{name}\" must be a string");

    private static int Int32(JsonElement root, string name) => Get(root, name).GetInt32();

    private static long Int64(JsonElement root, string name) => Get(root, name).GetInt64();

    private static string Choice(JsonElement root, string name, IReadOnlyList<string> choices)
    {
        var value = Text(root, name);
        foreach (var choice in choices)
        {
            if (string.Equals(choice, value, StringComparison.Ordinal))
            {
                return choice;
            }
        }

        throw new FormatException($"field \"{name}\" must be one of {string.Join(", ", choices)}, got \"{value}\"");
    }

    private static EventTime Time(JsonElement root, string name)
    {
        var text = Text(root, name);
        return EventTime.TryParseIso(text, out var time)
            ? time
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"field \"{name}\" must be an ISO-8601 instant, got \"{text}\""));
    }
}
