using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Funnel;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// The funnel records of the internal topic <c>actorstreams-repartition-merchant</c> (docs/design.md §6, Funnel and
/// segments; schema <c>schemas/actorstreams-repartition-merchant.avsc</c>), which share the topic with the merchant
/// records of <see cref="MerchantRecordCodec"/>:
/// <list type="bullet">
/// <item><c>{"type":"funnel_event", event_id, customer_id, category, product_id, event_type, price, quantity, event_time,
/// source_partition, source_offset, source_watermark}</c>, keyed by category;</item>
/// <item><c>{"type":"funnel_score", event_id, customer_id, event_time, score, threshold, model_version, source_partition,
/// source_offset, source_watermark}</c>, keyed <c>segments</c>;</item>
/// <item><c>{"type":"funnel_watermark", source_partition, watermark}</c> and <c>{"type":"funnel_idle", source_partition}</c>,
/// unkeyed, sent to every merchant partition.</item>
/// </list>
/// <c>type</c> is written first, and a merchant partition tells a funnel record from a merchant record by that prefix
/// (<see cref="IsFunnelRecord"/>), so a transaction costs one comparison of a few bytes. Decoding is thread-safe;
/// encoding reuses one buffer, so one caller at a time per instance.
/// </summary>
public sealed class FunnelRecordCodec : IJsonValueParser<FunnelRecord>
{
    /// <summary>The key of every score (one merchant partition holds the segment windows).</summary>
    public static readonly byte[] ScoreKey = "segments"u8.ToArray();

    private static readonly string[] EventTypes = ["view", "add_to_cart", "remove_from_cart", "purchase"];
    private static readonly JsonEncodedText EventType = JsonEncodedText.Encode("funnel_event");
    private static readonly JsonEncodedText ScoreType = JsonEncodedText.Encode("funnel_score");
    private static readonly JsonEncodedText WatermarkType = JsonEncodedText.Encode("funnel_watermark");
    private static readonly JsonEncodedText IdleType = JsonEncodedText.Encode("funnel_idle");
    private static readonly JsonEncodedText[] EventTypeValues = [.. EventTypes.Select(t => JsonEncodedText.Encode(t))];
    private static readonly JsonEncodedText EventIdName = JsonEncodedText.Encode("event_id");
    private static readonly JsonEncodedText CategoryName = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText ProductIdName = JsonEncodedText.Encode("product_id");
    private static readonly JsonEncodedText EventTypeName = JsonEncodedText.Encode("event_type");
    private static readonly JsonEncodedText PriceName = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText QuantityName = JsonEncodedText.Encode("quantity");
    private static readonly JsonEncodedText ModelVersionName = JsonEncodedText.Encode("model_version");

    // Bit i of the "seen" mask is field i.
    private static readonly string[] Names =
    [
        "type", "event_id", "customer_id", "category", "product_id", "event_type", "price", "quantity", "event_time", "score", "threshold",
        "model_version", "source_partition", "source_offset", "source_watermark", "watermark",
    ];

    private static readonly string[] Kinds = ["funnel_event", "funnel_score", "funnel_watermark", "funnel_idle"];
    private static readonly int EventRequired = Mask("type", "event_id", "customer_id", "category", "product_id", "event_type", "price", "quantity", "event_time", "source_partition", "source_offset", "source_watermark");
    private static readonly int ScoreRequired = Mask("type", "event_id", "customer_id", "event_time", "score", "threshold", "model_version", "source_partition", "source_offset", "source_watermark");

    private readonly StringPool _pool = new();
    private readonly JsonOutput _output = new();

    /// <summary>True when <paramref name="value"/> starts as the funnel records this codec writes (<c>{"type":"funnel_</c>).</summary>
    public static bool IsFunnelRecord(ReadOnlySpan<byte> value) => value.StartsWith("{\"type\":\"funnel_"u8);

    /// <summary>An event record, to be produced with its category as the key.</summary>
    public byte[] Encode(FunnelEvent funnelEvent)
    {
        ArgumentNullException.ThrowIfNull(funnelEvent);
        var writer = _output.Start();
        writer.WriteStartObject();
        writer.WriteString(N.Type, EventType);
        writer.WriteString(EventIdName, funnelEvent.EventId);
        writer.WriteNumber(N.CustomerId, funnelEvent.CustomerId);
        writer.WriteString(CategoryName, funnelEvent.Category);
        writer.WriteString(ProductIdName, funnelEvent.ProductId);
        writer.WriteString(EventTypeName, EventTypeValues[(int)funnelEvent.Type]);
        writer.WriteNumber(PriceName, funnelEvent.Price);
        writer.WriteNumber(QuantityName, funnelEvent.Quantity);
        JsonFieldWriter.WriteExactTimestamp(writer, N.EventTime, funnelEvent.EventTime);
        WriteSource(writer, funnelEvent.SourcePartition, funnelEvent.SourceOffset, funnelEvent.SourceWatermark);
        return _output.ToArray();
    }

    /// <summary>A score record, to be produced with the key <see cref="ScoreKey"/>.</summary>
    public byte[] Encode(FunnelScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var writer = _output.Start();
        writer.WriteStartObject();
        writer.WriteString(N.Type, ScoreType);
        writer.WriteString(EventIdName, score.EventId);
        writer.WriteNumber(N.CustomerId, score.CustomerId);
        JsonFieldWriter.WriteExactTimestamp(writer, N.EventTime, score.EventTime);
        writer.WriteNumber(N.Score, score.Score);
        writer.WriteNumber(N.Threshold, score.Threshold);
        writer.WriteString(ModelVersionName, score.ModelVersion);
        WriteSource(writer, score.SourcePartition, score.SourceOffset, score.SourceWatermark);
        return _output.ToArray();
    }

    /// <summary>A funnel watermark control record (no key; the caller sends it to every merchant partition).</summary>
    public byte[] EncodeWatermark(int sourcePartition, EventTime watermark) => ControlRecordWriter.Watermark(_output, WatermarkType, sourcePartition, watermark);

    /// <summary>A funnel idle control record (no key; the caller sends it to every merchant partition).</summary>
    public byte[] EncodeIdle(int sourcePartition) => ControlRecordWriter.Idle(_output, IdleType, sourcePartition);

    /// <summary>Decodes a funnel record (UTF-8 JSON); unknown fields are ignored.</summary>
    /// <returns>True with <paramref name="record"/> set, or false with the dead-letter <paramref name="error"/>.</returns>
    public bool TryDecode(ReadOnlySpan<byte> value, out FunnelRecord record, [NotNullWhen(false)] out string? error)
        => JsonFieldReader.TryDecode<FunnelRecordCodec, FunnelRecord>(this, value, out record, out error);

    private static void WriteSource(Utf8JsonWriter writer, int partition, long offset, EventTime watermark)
    {
        writer.WriteNumber(N.SourcePartition, partition);
        writer.WriteNumber(N.SourceOffset, offset);
        JsonFieldWriter.WriteExactTimestamp(writer, N.SourceWatermark, watermark);
        writer.WriteEndObject();
    }

    bool IJsonValueParser<FunnelRecord>.Parse(ReadOnlySpan<byte> value, out FunnelRecord record, [NotNullWhen(false)] out string? error)
    {
        record = default;
        Span<byte> scratch = stackalloc byte[JsonFieldReader.ScratchLength];
        scoped var reader = JsonFieldReader.CreateReader(value);
        if (!JsonFieldReader.TryReadStartObject(ref reader, out error))
        {
            return false;
        }

        string? kindText = null, eventId = null, category = null, productId = null, eventType = null, modelVersion = null;
        long customerId = 0, sourceOffset = 0;
        int quantity = 0, sourcePartition = 0;
        decimal price = 0;
        double score = 0, threshold = 0;
        EventTime eventTime = default, sourceWatermark = default, watermark = default;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(JsonFieldReader.PropertyName(ref reader, scratch));
            reader.Read();
            error = field switch
            {
                0 => JsonFieldReader.ReadChoice(ref reader, "type", Kinds, out kindText),
                1 => JsonFieldReader.ReadText(ref reader, "event_id", nonEmpty: true, null, out eventId),
                2 => JsonFieldReader.ReadInt64(ref reader, "customer_id", long.MinValue, out customerId),
                3 => JsonFieldReader.ReadText(ref reader, "category", nonEmpty: false, _pool, out category),
                4 => JsonFieldReader.ReadText(ref reader, "product_id", nonEmpty: false, _pool, out productId),
                5 => JsonFieldReader.ReadChoice(ref reader, "event_type", EventTypes, out eventType),
                6 => JsonFieldReader.ReadNonNegativeDecimal(ref reader, "price", out price),
                7 => JsonFieldReader.ReadInt32(ref reader, "quantity", 0, out quantity),
                8 => JsonFieldReader.ReadTimestamp(ref reader, "event_time", scratch, out eventTime),
                9 => JsonFieldReader.ReadDouble(ref reader, "score", 0, 1, out score),
                10 => JsonFieldReader.ReadDouble(ref reader, "threshold", 0, 1, out threshold),
                11 => JsonFieldReader.ReadText(ref reader, "model_version", nonEmpty: false, _pool, out modelVersion),
                12 => JsonFieldReader.ReadInt32(ref reader, "source_partition", 0, out sourcePartition),
                13 => JsonFieldReader.ReadInt64(ref reader, "source_offset", 0, out sourceOffset),
                14 => JsonFieldReader.ReadTimestamp(ref reader, "source_watermark", scratch, out sourceWatermark),
                15 => JsonFieldReader.ReadTimestamp(ref reader, "watermark", scratch, out watermark),
                _ => JsonFieldReader.Skip(ref reader),
            };
            if (error is not null)
            {
                return false;
            }

            if (field >= 0)
            {
                seen |= 1 << field;
            }
        }

        JsonFieldReader.ReadToEnd(ref reader);
        var required = kindText switch
        {
            "funnel_event" => EventRequired,
            "funnel_score" => ScoreRequired,
            "funnel_watermark" => 1 | (1 << 12) | (1 << 15),
            "funnel_idle" => 1 | (1 << 12),
            _ => 1,
        };
        if ((seen & required) != required)
        {
            error = JsonFieldReader.MissingField(seen, required, Names);
            return false;
        }

        record = kindText switch
        {
            "funnel_event" => new FunnelRecord(FunnelRecordKind.Event, new FunnelEvent
            {
                EventId = eventId!,
                CustomerId = customerId,
                Category = category!,
                ProductId = productId!,
                Type = (CustomerEventType)Array.IndexOf(EventTypes, eventType),
                Price = price,
                Quantity = quantity,
                EventTime = eventTime,
                SourcePartition = sourcePartition,
                SourceOffset = sourceOffset,
                SourceWatermark = sourceWatermark,
            }, null, sourcePartition, sourceWatermark),
            "funnel_score" => new FunnelRecord(FunnelRecordKind.Score, null, new FunnelScore
            {
                EventId = eventId!,
                CustomerId = customerId,
                EventTime = eventTime,
                Score = score,
                Threshold = threshold,
                ModelVersion = modelVersion!,
                SourcePartition = sourcePartition,
                SourceOffset = sourceOffset,
                SourceWatermark = sourceWatermark,
            }, sourcePartition, sourceWatermark),
            "funnel_watermark" => new FunnelRecord(FunnelRecordKind.Watermark, null, null, sourcePartition, watermark),
            _ => new FunnelRecord(FunnelRecordKind.Idle, null, null, sourcePartition, default),
        };
        error = null;
        return true;
    }

    private static int Mask(params ReadOnlySpan<string> fields)
    {
        var mask = 0;
        foreach (var field in fields)
        {
            mask |= 1 << Array.IndexOf(Names, field);
        }

        return mask;
    }

    /// <summary>The field's index in <see cref="Names"/>, or −1 for an unknown field; allocates nothing.</summary>
    private static int Identify(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.Length == Names[i].Length && System.Text.Ascii.Equals(name, Names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
