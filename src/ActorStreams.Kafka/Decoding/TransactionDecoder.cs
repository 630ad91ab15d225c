using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ActorStreams.Domain;
using ActorStreams.Domain.Events;
using ActorStreams.Kafka.Internal;

namespace ActorStreams.Kafka.Decoding;

/// <summary>
/// Decodes and validates the <c>transactions</c> format of DESIGN.md §5 with a forward-only
/// <see cref="Utf8JsonReader"/>: no intermediate DOM, low-cardinality strings interned. Unknown fields are
/// ignored; <c>null</c> counts as absent for optional fields.
/// </summary>
public sealed class TransactionDecoder : IRecordDecoder<Transaction>
{
    private const int MaxShownValue = 40;
    private readonly StringPool _pool = new();

    [Flags]
    private enum Required
    {
        None = 0,
        TransactionId = 1 << 0,
        CustomerId = 1 << 1,
        MerchantId = 1 << 2,
        MerchantCategory = 1 << 3,
        Amount = 1 << 4,
        Currency = 1 << 5,
        PaymentMethod = 1 << 6,
        DeviceId = 1 << 7,
        IpAddress = 1 << 8,
        Timestamp = 1 << 9,
        All = (1 << 10) - 1,
    }

    /// <summary>A shared instance (the decoder is thread-safe).</summary>
    public static TransactionDecoder Shared { get; } = new();

    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> value, [NotNullWhen(true)] out Transaction? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (value.IsEmpty)
        {
            error = "value is empty";
            return false;
        }

        if (!Utf8.IsValid(value))
        {
            error = "value is not valid UTF-8";
            return false;
        }

        try
        {
            return Parse(value, out result, out error);
        }
        catch (JsonException ex)
        {
            error = $"value is not valid JSON: {ex.Message}";
            return false;
        }
    }

    private bool Parse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out Transaction? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = 32 });
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"value must be a JSON object, got {Shown(ref reader)}";
            return false;
        }

        var seen = Required.None;
        string? transactionId = null, merchantId = null, category = null, currency = null, method = null, device = null, ip = null;
        string? country = null, city = null;
        long customerId = 0;
        decimal amount = 0;
        double? latitude = null, longitude = null;
        bool? isFraud = null;
        var timestamp = default(EventTime);

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("transaction_id"u8))
            {
                if (!ReadText(ref reader, "transaction_id", nonEmpty: true, pooled: false, out transactionId, out error))
                {
                    return false;
                }

                seen |= Required.TransactionId;
            }
            else if (name.SequenceEqual("customer_id"u8))
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out customerId))
                {
                    error = $"field \"customer_id\" must be an integer, got {Shown(ref reader)}";
                    return false;
                }

                seen |= Required.CustomerId;
            }
            else if (name.SequenceEqual("merchant_id"u8))
            {
                if (!ReadText(ref reader, "merchant_id", nonEmpty: true, pooled: true, out merchantId, out error))
                {
                    return false;
                }

                seen |= Required.MerchantId;
            }
            else if (name.SequenceEqual("merchant_category"u8))
            {
                if (!ReadText(ref reader, "merchant_category", nonEmpty: false, pooled: true, out category, out error))
                {
                    return false;
                }

                seen |= Required.MerchantCategory;
            }
            else if (name.SequenceEqual("amount"u8))
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out amount) || amount <= 0)
                {
                    error = $"field \"amount\" must be a number > 0, got {Shown(ref reader)}";
                    return false;
                }

                seen |= Required.Amount;
            }
            else if (name.SequenceEqual("currency"u8))
            {
                if (!ReadText(ref reader, "currency", nonEmpty: false, pooled: true, out currency, out error))
                {
                    return false;
                }

                seen |= Required.Currency;
            }
            else if (name.SequenceEqual("payment_method"u8))
            {
                if (!ReadText(ref reader, "payment_method", nonEmpty: false, pooled: true, out method, out error))
                {
                    return false;
                }

                seen |= Required.PaymentMethod;
            }
            else if (name.SequenceEqual("device_id"u8))
            {
                if (!ReadText(ref reader, "device_id", nonEmpty: false, pooled: false, out device, out error))
                {
                    return false;
                }

                seen |= Required.DeviceId;
            }
            else if (name.SequenceEqual("ip_address"u8))
            {
                if (!ReadText(ref reader, "ip_address", nonEmpty: false, pooled: false, out ip, out error))
                {
                    return false;
                }

                seen |= Required.IpAddress;
            }
            else if (name.SequenceEqual("timestamp"u8))
            {
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var time))
                {
                    error = $"field \"timestamp\" must be an ISO-8601 timestamp, got {Shown(ref reader)}";
                    return false;
                }

                timestamp = EventTime.FromDateTime(time);
                seen |= Required.Timestamp;
            }
            else if (name.SequenceEqual("latitude"u8))
            {
                if (!ReadCoordinate(ref reader, "latitude", 90, out latitude, out error))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("longitude"u8))
            {
                if (!ReadCoordinate(ref reader, "longitude", 180, out longitude, out error))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("country"u8))
            {
                if (!ReadOptionalText(ref reader, "country", out country, out error))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("city"u8))
            {
                if (!ReadOptionalText(ref reader, "city", out city, out error))
                {
                    return false;
                }
            }
            else if (name.SequenceEqual("is_fraud"u8))
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.True or JsonTokenType.False:
                        isFraud = reader.GetBoolean();
                        break;
                    case JsonTokenType.Null:
                        isFraud = null;
                        break;
                    default:
                        error = $"field \"is_fraud\" must be a boolean, got {Shown(ref reader)}";
                        return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        // Anything after the object (a second value, garbage) makes the reader throw: not valid JSON.
        while (reader.Read())
        {
        }

        if (seen != Required.All)
        {
            error = $"missing required field \"{FirstMissing(seen)}\"";
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

    private bool ReadText(
        ref Utf8JsonReader reader, string field, bool nonEmpty, bool pooled, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? error)
    {
        if (reader.TokenType != JsonTokenType.String || (nonEmpty && reader.ValueSpan.IsEmpty))
        {
            text = null;
            error = $"field \"{field}\" must be a {(nonEmpty ? "non-empty " : string.Empty)}string, got {Shown(ref reader)}";
            return false;
        }

        text = pooled && !reader.ValueIsEscaped ? _pool.Get(reader.ValueSpan) : reader.GetString()!;
        error = null;
        return true;
    }

    private bool ReadOptionalText(ref Utf8JsonReader reader, string field, out string? text, [NotNullWhen(false)] out string? error)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            text = null;
            error = null;
            return true;
        }

        return ReadText(ref reader, field, nonEmpty: false, pooled: true, out text, out error);
    }

    private static bool ReadCoordinate(ref Utf8JsonReader reader, string field, double limit, out double? coordinate, [NotNullWhen(false)] out string? error)
    {
        coordinate = null;
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || value < -limit || value > limit)
        {
            error = $"field \"{field}\" must be a number between -{limit} and {limit}, got {Shown(ref reader)}";
            return false;
        }

        coordinate = value;
        return true;
    }

    private static string FirstMissing(Required seen)
    {
        (Required Flag, string Name)[] fields =
        [
            (Required.TransactionId, "transaction_id"), (Required.CustomerId, "customer_id"), (Required.MerchantId, "merchant_id"),
            (Required.MerchantCategory, "merchant_category"), (Required.Amount, "amount"), (Required.Currency, "currency"),
            (Required.PaymentMethod, "payment_method"), (Required.DeviceId, "device_id"), (Required.IpAddress, "ip_address"),
            (Required.Timestamp, "timestamp"),
        ];
        return fields.First(f => (seen & f.Flag) == 0).Name;
    }

    /// <summary>The current token as the error shows it: strings quoted (and shortened), containers named.</summary>
    private static string Shown(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = reader.GetString() ?? string.Empty;
                return text.Length > MaxShownValue ? $"\"{text[..MaxShownValue]}…\"" : $"\"{text}\"";
            case JsonTokenType.Number:
                var number = Encoding.UTF8.GetString(reader.ValueSpan);
                return number.Length > MaxShownValue ? number[..MaxShownValue] + "…" : number;
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return "null";
            case JsonTokenType.StartObject:
                return "an object";
            case JsonTokenType.StartArray:
                return "an array";
            default:
                return reader.TokenType.ToString();
        }
    }
}
