using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs.Internal;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// The JSON records of the internal topic <c>actorstreams-repartition-merchant</c> (docs/design.md §1, §6; schema
/// <c>schemas/actorstreams-repartition-merchant.avsc</c>):
/// <list type="bullet">
/// <item>data, keyed by <c>merchant_id</c>: <c>{"type":"tx", transaction_id, merchant_id, merchant_category, amount,
/// event_time, fraud_alerted, is_fraud, source_partition, source_offset, source_watermark}</c>;</item>
/// <item>control, unkeyed and sent to an explicit partition (every merchant partition):
/// <c>{"type":"watermark", source_partition, watermark}</c> and <c>{"type":"idle", source_partition}</c>.</item>
/// </list>
/// Instants are ISO-8601 UTC written losslessly (milliseconds, or seven fraction digits when the instant has
/// sub-millisecond precision), since merchant windows compare them to the tick. Decoding is thread-safe and
/// accepts the fields in any order; encoding reuses one buffer, so one caller at a time per instance.
/// </summary>
public sealed class MerchantRecordCodec : IJsonValueParser<MerchantRecord>
{
    private const int TxRequired = (1 << (int)Field.Type) | (1 << (int)Field.TransactionId) | (1 << (int)Field.MerchantId)
        | (1 << (int)Field.MerchantCategory) | (1 << (int)Field.Amount) | (1 << (int)Field.EventTime) | (1 << (int)Field.FraudAlerted)
        | (1 << (int)Field.IsFraud) | (1 << (int)Field.SourcePartition) | (1 << (int)Field.SourceOffset) | (1 << (int)Field.SourceWatermark);

    private const int WatermarkRequired = (1 << (int)Field.Type) | (1 << (int)Field.SourcePartition) | (1 << (int)Field.Watermark);
    private const int IdleRequired = (1 << (int)Field.Type) | (1 << (int)Field.SourcePartition);

    // Bit i of the "seen" mask is field i.
    private static readonly string[] Names =
    [
        "type", "transaction_id", "merchant_id", "merchant_category", "amount", "event_time", "fraud_alerted", "is_fraud",
        "source_partition", "source_offset", "source_watermark", "watermark",
    ];

    private static readonly JsonEncodedText TxType = JsonEncodedText.Encode("tx");
    private static readonly JsonEncodedText WatermarkType = JsonEncodedText.Encode("watermark");
    private static readonly JsonEncodedText IdleType = JsonEncodedText.Encode("idle");

    private readonly StringPool _pool = new();
    private readonly JsonOutput _output = new();

    private enum Field
    {
        Type,
        TransactionId,
        MerchantId,
        MerchantCategory,
        Amount,
        EventTime,
        FraudAlerted,
        IsFraud,
        SourcePartition,
        SourceOffset,
        SourceWatermark,
        Watermark,
        Unknown,
    }

    /// <summary>Decodes a record (UTF-8 JSON); unknown fields are ignored.</summary>
    /// <returns>True with <paramref name="record"/> set, or false with the dead-letter <paramref name="error"/>.</returns>
    public bool TryDecode(ReadOnlySpan<byte> value, out MerchantRecord record, [NotNullWhen(false)] out string? error)
        => JsonFieldReader.TryDecode<MerchantRecordCodec, MerchantRecord>(this, value, out record, out error);

    /// <summary>A data record, to be produced with the key <see cref="RecordKeys.For(MerchantTransaction)"/>.</summary>
    /// <exception cref="ArgumentException">An instant outside years 0001–9999.</exception>
    public byte[] Encode(MerchantTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        WriteTransaction(_output.Start(), transaction);
        return _output.ToArray();
    }

    /// <summary>Appends a data record to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">An instant outside years 0001–9999.</exception>
    public void Encode(MerchantTransaction transaction, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        WriteTransaction(_output.Start(destination), transaction);
        _output.Finish();
    }

    /// <summary>A watermark control record (no key; the caller sends it to every merchant partition).</summary>
    /// <exception cref="ArgumentException">A negative partition, or a watermark outside years 0001–9999.</exception>
    public byte[] EncodeWatermark(int sourcePartition, EventTime watermark) => ControlRecordWriter.Watermark(_output, WatermarkType, sourcePartition, watermark);

    /// <summary>An idle control record (no key; the caller sends it to every merchant partition).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative partition.</exception>
    public byte[] EncodeIdle(int sourcePartition) => ControlRecordWriter.Idle(_output, IdleType, sourcePartition);

    /// <summary>The control record a customer partition's <see cref="CustomerPartitionWatermark.Poll"/> asked for.</summary>
    /// <exception cref="ArgumentException">The signal is <see cref="WatermarkSignalKind.None"/> (nothing to send).</exception>
    public byte[] EncodeControl(int sourcePartition, WatermarkSignal signal) => signal.Kind switch
    {
        WatermarkSignalKind.Watermark => EncodeWatermark(sourcePartition, signal.Watermark),
        WatermarkSignalKind.Idle => EncodeIdle(sourcePartition),
        _ => throw new ArgumentException($"no control record for a {signal.Kind} signal", nameof(signal)),
    };

    /// <summary>Any record, as <see cref="TryDecode"/> returns them.</summary>
    /// <exception cref="ArgumentException">A default (empty) record, or an instant outside years 0001–9999.</exception>
    public byte[] Encode(in MerchantRecord record) => record.Kind switch
    {
        MerchantRecordKind.Transaction when record.Transaction is not null => Encode(record.Transaction),
        MerchantRecordKind.Watermark => EncodeWatermark(record.SourcePartition, record.Watermark),
        MerchantRecordKind.Idle => EncodeIdle(record.SourcePartition),
        _ => throw new ArgumentException("the record is empty (default)", nameof(record)),
    };

    private static void WriteTransaction(Utf8JsonWriter writer, MerchantTransaction transaction)
    {
        writer.WriteStartObject();
        writer.WriteString(N.Type, TxType);
        writer.WriteString(N.TransactionId, transaction.TransactionId.Value);
        writer.WriteString(N.MerchantId, transaction.MerchantId.Value);
        writer.WriteString(N.MerchantCategory, transaction.MerchantCategory);
        writer.WriteNumber(N.Amount, transaction.Amount);
        JsonFieldWriter.WriteExactTimestamp(writer, N.EventTime, transaction.EventTime);
        writer.WriteBoolean(N.FraudAlerted, transaction.FraudAlerted);
        writer.WriteBoolean(N.IsFraud, transaction.IsFraud);
        writer.WriteNumber(N.SourcePartition, transaction.SourcePartition);
        writer.WriteNumber(N.SourceOffset, transaction.SourceOffset);
        JsonFieldWriter.WriteExactTimestamp(writer, N.SourceWatermark, transaction.SourceWatermark);
        writer.WriteEndObject();
    }

    bool IJsonValueParser<MerchantRecord>.Parse(ReadOnlySpan<byte> value, out MerchantRecord record, [NotNullWhen(false)] out string? error)
    {
        record = default;
        Span<byte> scratch = stackalloc byte[JsonFieldReader.ScratchLength];
        scoped var reader = JsonFieldReader.CreateReader(value);
        if (!JsonFieldReader.TryReadStartObject(ref reader, out error))
        {
            return false;
        }

        var seen = 0;
        var kind = MerchantRecordKind.Transaction;
        string? transactionId = null, merchantId = null, category = null;
        decimal amount = 0;
        EventTime eventTime = default, sourceWatermark = default, watermark = default;
        bool fraudAlerted = false, isFraud = false;
        var sourcePartition = 0;
        long sourceOffset = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(JsonFieldReader.PropertyName(ref reader, scratch));
            reader.Read();
            error = field switch
            {
                Field.Type => ReadType(ref reader, out kind),
                Field.TransactionId => JsonFieldReader.ReadText(ref reader, "transaction_id", nonEmpty: true, null, out transactionId),
                Field.MerchantId => JsonFieldReader.ReadText(ref reader, "merchant_id", nonEmpty: true, _pool, out merchantId),
                Field.MerchantCategory => JsonFieldReader.ReadText(ref reader, "merchant_category", nonEmpty: false, _pool, out category),
                Field.Amount => JsonFieldReader.ReadPositiveDecimal(ref reader, "amount", out amount),
                Field.EventTime => JsonFieldReader.ReadTimestamp(ref reader, "event_time", scratch, out eventTime),
                Field.FraudAlerted => JsonFieldReader.ReadBoolean(ref reader, "fraud_alerted", out fraudAlerted),
                Field.IsFraud => JsonFieldReader.ReadBoolean(ref reader, "is_fraud", out isFraud),
                Field.SourcePartition => JsonFieldReader.ReadInt32(ref reader, "source_partition", 0, out sourcePartition),
                Field.SourceOffset => JsonFieldReader.ReadInt64(ref reader, "source_offset", 0, out sourceOffset),
                Field.SourceWatermark => JsonFieldReader.ReadTimestamp(ref reader, "source_watermark", scratch, out sourceWatermark),
                Field.Watermark => JsonFieldReader.ReadTimestamp(ref reader, "watermark", scratch, out watermark),
                _ => JsonFieldReader.Skip(ref reader),
            };
            if (error is not null)
            {
                return false;
            }

            seen |= 1 << (int)field;
        }

        JsonFieldReader.ReadToEnd(ref reader);
        var required = (seen & (1 << (int)Field.Type)) == 0 ? 1 << (int)Field.Type : kind switch
        {
            MerchantRecordKind.Watermark => WatermarkRequired,
            MerchantRecordKind.Idle => IdleRequired,
            _ => TxRequired,
        };
        if ((seen & required) != required)
        {
            error = JsonFieldReader.MissingField(seen, required, Names);
            return false;
        }

        record = kind switch
        {
            MerchantRecordKind.Watermark => MerchantRecord.WatermarkOf(sourcePartition, watermark),
            MerchantRecordKind.Idle => MerchantRecord.IdleOf(sourcePartition),
            _ => MerchantRecord.Data(new MerchantTransaction
            {
                TransactionId = new TransactionId(transactionId!),
                MerchantId = new MerchantId(merchantId!),
                MerchantCategory = category!,
                Amount = amount,
                EventTime = eventTime,
                FraudAlerted = fraudAlerted,
                IsFraud = isFraud,
                SourcePartition = sourcePartition,
                SourceOffset = sourceOffset,
                SourceWatermark = sourceWatermark,
            }),
        };
        error = null;
        return true;
    }

    private static string? ReadType(ref Utf8JsonReader reader, out MerchantRecordKind kind)
    {
        kind = MerchantRecordKind.Transaction;
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            var text = reader.ValueSpan;
            if (text.SequenceEqual("tx"u8))
            {
                return null;
            }

            if (text.SequenceEqual("watermark"u8))
            {
                kind = MerchantRecordKind.Watermark;
                return null;
            }

            if (text.SequenceEqual("idle"u8))
            {
                kind = MerchantRecordKind.Idle;
                return null;
            }
        }

        return $"field \"type\" must be \"tx\", \"watermark\" or \"idle\", got {JsonFieldReader.Shown(ref reader)}";
    }

    private static Field Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("type"u8) => Field.Type,
        14 when name.SequenceEqual("transaction_id"u8) => Field.TransactionId,
        11 when name.SequenceEqual("merchant_id"u8) => Field.MerchantId,
        17 when name.SequenceEqual("merchant_category"u8) => Field.MerchantCategory,
        6 when name.SequenceEqual("amount"u8) => Field.Amount,
        10 when name.SequenceEqual("event_time"u8) => Field.EventTime,
        13 when name.SequenceEqual("fraud_alerted"u8) => Field.FraudAlerted,
        8 when name.SequenceEqual("is_fraud"u8) => Field.IsFraud,
        16 when name.SequenceEqual("source_partition"u8) => Field.SourcePartition,
        13 when name.SequenceEqual("source_offset"u8) => Field.SourceOffset,
        16 when name.SequenceEqual("source_watermark"u8) => Field.SourceWatermark,
        9 when name.SequenceEqual("watermark"u8) => Field.Watermark,
        _ => Field.Unknown,
    };
}
