using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Decodes and validates the <c>transactions</c> format of docs/design.md §5 with a forward-only
/// <see cref="Utf8JsonReader"/>: no intermediate DOM, low-cardinality strings (merchant id and category,
/// currency, payment method, country, city) interned in a bounded pool. Unknown fields are ignored;
/// <c>null</c> counts as absent for optional fields. <c>customer_id</c> may be a JSON integer or a string
/// of its decimal digits; <c>timestamp</c> an ISO-8601 string (any number of fraction digits, <c>Z</c> or an
/// offset, none meaning UTC) or epoch milliseconds as a JSON integer. Thread-safe.
/// </summary>
public sealed class TransactionDecoder : JsonRecordDecoder<Transaction>
{
    private const int AllRequired = (1 << 10) - 1;

    // Bit i of the "seen" mask is field i; the first ten are required.
    private static readonly string[] Names =
    [
        "transaction_id", "customer_id", "merchant_id", "merchant_category", "amount", "currency", "payment_method", "device_id",
        "ip_address", "timestamp", "latitude", "longitude", "country", "city", "is_fraud",
    ];

    private readonly StringPool _pool = new();

    private enum Field
    {
        TransactionId,
        CustomerId,
        MerchantId,
        MerchantCategory,
        Amount,
        Currency,
        PaymentMethod,
        DeviceId,
        IpAddress,
        Timestamp,
        Latitude,
        Longitude,
        Country,
        City,
        IsFraud,
        Unknown,
    }

    /// <summary>A shared instance (the decoder is thread-safe).</summary>
    public static TransactionDecoder Shared { get; } = new();

    private protected override bool Parse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out Transaction? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        Span<byte> scratch = stackalloc byte[JsonFieldReader.ScratchLength];
        scoped var reader = JsonFieldReader.CreateReader(value);
        if (!JsonFieldReader.TryReadStartObject(ref reader, out error))
        {
            return false;
        }

        var seen = 0;
        string? transactionId = null, merchantId = null, category = null, currency = null, method = null, device = null, ip = null;
        string? country = null, city = null;
        long customerId = 0;
        decimal amount = 0;
        double? latitude = null, longitude = null;
        bool? isFraud = null;
        var timestamp = default(EventTime);

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(JsonFieldReader.PropertyName(ref reader, scratch));
            reader.Read();
            error = field switch
            {
                Field.TransactionId => JsonFieldReader.ReadText(ref reader, "transaction_id", nonEmpty: true, null, out transactionId),
                Field.CustomerId => JsonFieldReader.ReadId(ref reader, "customer_id", scratch, out customerId),
                Field.MerchantId => JsonFieldReader.ReadText(ref reader, "merchant_id", nonEmpty: true, _pool, out merchantId),
                Field.MerchantCategory => JsonFieldReader.ReadText(ref reader, "merchant_category", nonEmpty: false, _pool, out category),
                Field.Amount => JsonFieldReader.ReadPositiveDecimal(ref reader, "amount", out amount),
                Field.Currency => JsonFieldReader.ReadText(ref reader, "currency", nonEmpty: false, _pool, out currency),
                Field.PaymentMethod => JsonFieldReader.ReadText(ref reader, "payment_method", nonEmpty: false, _pool, out method),
                Field.DeviceId => JsonFieldReader.ReadText(ref reader, "device_id", nonEmpty: false, null, out device),
                Field.IpAddress => JsonFieldReader.ReadText(ref reader, "ip_address", nonEmpty: false, null, out ip),
                Field.Timestamp => JsonFieldReader.ReadEventTime(ref reader, "timestamp", scratch, out timestamp),
                Field.Latitude => JsonFieldReader.ReadOptionalDouble(ref reader, "latitude", -90, 90, out latitude),
                Field.Longitude => JsonFieldReader.ReadOptionalDouble(ref reader, "longitude", -180, 180, out longitude),
                Field.Country => JsonFieldReader.ReadOptionalText(ref reader, "country", _pool, out country),
                Field.City => JsonFieldReader.ReadOptionalText(ref reader, "city", _pool, out city),
                Field.IsFraud => JsonFieldReader.ReadOptionalBoolean(ref reader, "is_fraud", out isFraud),
                _ => JsonFieldReader.Skip(ref reader),
            };
            if (error is not null)
            {
                return false;
            }

            seen |= 1 << (int)field;
        }

        JsonFieldReader.ReadToEnd(ref reader);
        if ((seen & AllRequired) != AllRequired)
        {
            error = JsonFieldReader.MissingField(seen, AllRequired, Names);
            return false;
        }

        result = new Transaction
        {
            TransactionId = new TransactionId(transactionId!),
            CustomerId = new CustomerId(customerId),
            MerchantId = new MerchantId(merchantId!),
            MerchantCategory = category!,
            Amount = amount,
            Currency = currency!,
            PaymentMethod = method!,
            DeviceId = device!,
            IpAddress = ip!,
            Latitude = latitude,
            Longitude = longitude,
            Country = country,
            City = city,
            Timestamp = timestamp,
            IsFraud = isFraud,
        };
        error = null;
        return true;
    }

    // A jump on the length, then one comparison: cheaper than comparing every known name in turn.
    private static Field Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        14 when name.SequenceEqual("transaction_id"u8) => Field.TransactionId,
        14 when name.SequenceEqual("payment_method"u8) => Field.PaymentMethod,
        11 when name.SequenceEqual("customer_id"u8) => Field.CustomerId,
        11 when name.SequenceEqual("merchant_id"u8) => Field.MerchantId,
        17 when name.SequenceEqual("merchant_category"u8) => Field.MerchantCategory,
        6 when name.SequenceEqual("amount"u8) => Field.Amount,
        8 when name.SequenceEqual("currency"u8) => Field.Currency,
        8 when name.SequenceEqual("latitude"u8) => Field.Latitude,
        8 when name.SequenceEqual("is_fraud"u8) => Field.IsFraud,
        9 when name.SequenceEqual("device_id"u8) => Field.DeviceId,
        9 when name.SequenceEqual("timestamp"u8) => Field.Timestamp,
        9 when name.SequenceEqual("longitude"u8) => Field.Longitude,
        10 when name.SequenceEqual("ip_address"u8) => Field.IpAddress,
        7 when name.SequenceEqual("country"u8) => Field.Country,
        4 when name.SequenceEqual("city"u8) => Field.City,
        _ => Field.Unknown,
    };
}
