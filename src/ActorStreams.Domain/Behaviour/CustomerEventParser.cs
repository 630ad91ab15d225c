using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorStreams.Domain.Behaviour.Internal;

namespace ActorStreams.Domain.Behaviour;

/// <summary>
/// Reads and validates one <c>customer-events</c> record (one UTF-8 JSON object) with a forward-only
/// <see cref="Utf8JsonReader"/>. The one decoder of the format, so a file read for training and a topic read online agree.
/// </summary>
/// <remarks>
/// Required: <c>event_id</c> (non-empty string), <c>customer_id</c> (integer, or a string of its digits), <c>session_id</c>,
/// <c>timestamp</c> (ISO-8601 string; an offset such as <c>+02:00</c> is normalised to UTC, none means UTC; not before
/// 1970), <c>type</c> (<c>view</c>, <c>add_to_cart</c>, <c>remove_from_cart</c>, <c>purchase</c>), <c>product_id</c>,
/// <c>category</c>, <c>price</c> (number in [0, 10¹²]), <c>quantity</c> (integer ≥ 0), <c>device</c>. Optional:
/// <c>city</c>, <c>country</c> (<c>null</c> = absent). Unknown fields are ignored. Repeated low-cardinality strings are
/// interned per instance, so an instance is not thread-safe: use one per reader.
/// </remarks>
public sealed class CustomerEventParser
{
    private const decimal MaxPrice = 1_000_000_000_000m;
    private const int AllRequired = (1 << 10) - 1;
    private const int MaxTimestampBytes = 64;

    // Bit i of the "seen" mask is field i; the first ten are required.
    private static readonly string[] Names =
        ["event_id", "customer_id", "session_id", "timestamp", "type", "product_id", "category", "price", "quantity", "device", "city", "country"];

    // The UTF-8 wire names, indexed by CustomerEventType.
    private static readonly byte[][] TypeNames = [.. Enum.GetValues<CustomerEventType>().Select(t => Encoding.UTF8.GetBytes(WireName(t)))];

    private readonly TextPool _pool = new();

    private enum Field
    {
        EventId,
        CustomerId,
        SessionId,
        Timestamp,
        Type,
        ProductId,
        Category,
        Price,
        Quantity,
        Device,
        City,
        Country,
        Unknown,
    }

    /// <summary>The wire name of an event type (<c>add_to_cart</c>…).</summary>
    public static string WireName(CustomerEventType type) => type switch
    {
        CustomerEventType.View => "view",
        CustomerEventType.AddToCart => "add_to_cart",
        CustomerEventType.RemoveFromCart => "remove_from_cart",
        CustomerEventType.Purchase => "purchase",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown event type"),
    };

    /// <summary>Parses one record.</summary>
    /// <param name="utf8Json">The JSON object, without the line break.</param>
    /// <param name="value">The event, when valid.</param>
    /// <param name="error">Why the record is rejected, naming the field (<c>field "price" must be …</c>).</param>
    /// <param name="badTimestamp">True when the rejection is the timestamp's: missing, not ISO-8601, or before 1970.</param>
    /// <returns>True for a valid record.</returns>
    public bool TryParse(
        ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out CustomerEvent? value, [NotNullWhen(false)] out string? error, out bool badTimestamp)
    {
        value = null;
        badTimestamp = false;
        if (utf8Json.IsEmpty || !System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            error = utf8Json.IsEmpty ? "empty line" : "not valid UTF-8";
            return false;
        }

        try
        {
            return Parse(utf8Json, out value, out error, out badTimestamp);
        }
        catch (JsonException ex)
        {
            error = "not valid JSON: " + ex.Message;
            return false;
        }
    }

    private bool Parse(ReadOnlySpan<byte> utf8Json, out CustomerEvent? value, out string? error, out bool badTimestamp)
    {
        value = null;
        badTimestamp = false;
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "not a JSON object";
            return false;
        }

        string? eventId = null, sessionId = null, productId = null, category = null, device = null, city = null, country = null;
        long customerId = 0;
        var timestamp = default(EventTime);
        var type = default(CustomerEventType);
        var price = 0m;
        var quantity = 0;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader);
            reader.Read();
            error = field switch
            {
                Field.EventId => Text(ref reader, "event_id", nonEmpty: true, pooled: false, out eventId),
                Field.CustomerId => ReadCustomerId(ref reader, out customerId),
                Field.SessionId => Text(ref reader, "session_id", nonEmpty: false, pooled: false, out sessionId),
                Field.Timestamp => ReadTimestamp(ref reader, out timestamp),
                Field.Type => ReadType(ref reader, out type),
                Field.ProductId => Text(ref reader, "product_id", nonEmpty: false, pooled: false, out productId),
                Field.Category => Text(ref reader, "category", nonEmpty: false, pooled: true, out category),
                Field.Price => reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out price) && price is >= 0 and <= MaxPrice
                    ? null
                    : Rejected("price", "a number between 0 and 1e12", ref reader),
                Field.Quantity => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out quantity) && quantity >= 0
                    ? null
                    : Rejected("quantity", "an integer >= 0", ref reader),
                Field.Device => Text(ref reader, "device", nonEmpty: false, pooled: true, out device),
                Field.City => reader.TokenType == JsonTokenType.Null ? null : Text(ref reader, "city", nonEmpty: false, pooled: true, out city),
                Field.Country => reader.TokenType == JsonTokenType.Null ? null : Text(ref reader, "country", nonEmpty: false, pooled: true, out country),
                _ => Skip(ref reader),
            };
            if (error is not null)
            {
                badTimestamp = field == Field.Timestamp;
                return false;
            }

            seen |= 1 << (int)field;
        }

        // Anything after the object (a second value, garbage) makes the reader throw: the line is not one JSON value.
        while (reader.Read())
        {
        }

        if ((seen & AllRequired) != AllRequired)
        {
            var missing = System.Numerics.BitOperations.TrailingZeroCount(AllRequired & ~seen);
            badTimestamp = missing == (int)Field.Timestamp;
            error = $"missing required field \"{Names[missing]}\"";
            return false;
        }

        value = new CustomerEvent
        {
            EventId = eventId!,
            CustomerId = new CustomerId(customerId),
            SessionId = sessionId!,
            Timestamp = timestamp,
            Type = type,
            ProductId = productId!,
            Category = category!,
            Price = price,
            Quantity = quantity,
            Device = device!,
            City = city,
            Country = country,
        };
        error = null;
        return true;
    }

    private static Field Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            var name = reader.GetString();
            return Array.IndexOf(Names, name) is var index and >= 0 ? (Field)index : Field.Unknown;
        }

        var span = reader.ValueSpan;
        return span.Length switch
        {
            4 when span.SequenceEqual("type"u8) => Field.Type,
            4 when span.SequenceEqual("city"u8) => Field.City,
            5 when span.SequenceEqual("price"u8) => Field.Price,
            6 when span.SequenceEqual("device"u8) => Field.Device,
            7 when span.SequenceEqual("country"u8) => Field.Country,
            8 when span.SequenceEqual("event_id"u8) => Field.EventId,
            8 when span.SequenceEqual("category"u8) => Field.Category,
            8 when span.SequenceEqual("quantity"u8) => Field.Quantity,
            9 when span.SequenceEqual("timestamp"u8) => Field.Timestamp,
            10 when span.SequenceEqual("session_id"u8) => Field.SessionId,
            10 when span.SequenceEqual("product_id"u8) => Field.ProductId,
            11 when span.SequenceEqual("customer_id"u8) => Field.CustomerId,
            _ => Field.Unknown,
        };
    }

    private string? Text(ref Utf8JsonReader reader, string field, bool nonEmpty, bool pooled, out string? text)
    {
        if (reader.TokenType != JsonTokenType.String || (nonEmpty && reader.ValueSpan.IsEmpty))
        {
            text = null;
            return Rejected(field, nonEmpty ? "a non-empty string" : "a string", ref reader);
        }

        text = pooled && !reader.ValueIsEscaped ? _pool.Intern(reader.ValueSpan) : reader.GetString();
        return null;
    }

    private static string? ReadCustomerId(ref Utf8JsonReader reader, out long id)
    {
        id = 0;
        var ok = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out id),
            JsonTokenType.String => !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out id, out var consumed) && consumed == reader.ValueSpan.Length,
            _ => false,
        };
        return ok ? null : Rejected("customer_id", "an integer", ref reader);
    }

    private static string? ReadTimestamp(ref Utf8JsonReader reader, out EventTime timestamp)
    {
        timestamp = default;
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= MaxTimestampBytes)
        {
            Span<char> chars = stackalloc char[MaxTimestampBytes];
            var length = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
            if (EventTime.TryParseIso(chars[..length], out timestamp) && timestamp.Ticks >= 0)
            {
                return null;
            }
        }

        timestamp = default;
        return Rejected("timestamp", "an ISO-8601 instant not before 1970", ref reader);
    }

    private static string? ReadType(ref Utf8JsonReader reader, out CustomerEventType type)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            for (var i = 0; i < TypeNames.Length; i++)
            {
                if (reader.ValueSpan.SequenceEqual(TypeNames[i]))
                {
                    type = (CustomerEventType)i;
                    return null;
                }
            }
        }

        type = default;
        return Rejected("type", "one of view, add_to_cart, remove_from_cart, purchase", ref reader);
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static string Rejected(string field, string expected, ref Utf8JsonReader reader)
    {
        var shown = reader.TokenType switch
        {
            JsonTokenType.String => "\"" + Shorten(reader.GetString() ?? string.Empty) + "\"",
            JsonTokenType.Number => Shorten(Encoding.UTF8.GetString(reader.ValueSpan)),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            var other => other.ToString(),
        };
        return string.Create(CultureInfo.InvariantCulture, $"field \"{field}\" must be {expected}, got {shown}");
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
