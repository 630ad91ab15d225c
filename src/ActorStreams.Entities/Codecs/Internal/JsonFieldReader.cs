using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ActorStreams.Domain;

namespace ActorStreams.Entities.Codecs.Internal;

/// <summary>
/// The pieces every record decoder shares: value checks, property names and typed field readers over a
/// forward-only <see cref="Utf8JsonReader"/>, each explaining a mismatch in the dead-letter wording
/// (<c>field "amount" must be a number &gt; 0, got "abc"</c>). Field readers return null or that reason;
/// nothing here allocates but the decoded strings and the reasons.
/// </summary>
internal static class JsonFieldReader
{
    /// <summary>Scratch bytes a decoder stack-allocates to unescape property names, ids and timestamps.</summary>
    public const int ScratchLength = 64;

    private const int MaxShownValue = 40;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };

    /// <summary>Rejects what cannot be JSON text before reading: an empty value or invalid UTF-8.</summary>
    public static bool TryCheckValue(ReadOnlySpan<byte> value, [NotNullWhen(false)] out string? error)
    {
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

        error = null;
        return true;
    }

    /// <summary>
    /// Decodes one JSON value with <paramref name="parser"/>: the value is checked first (<see cref="TryCheckValue"/>), and
    /// malformed JSON becomes the dead-letter reason (<see cref="NotJson"/>).
    /// </summary>
    public static bool TryDecode<TParser, T>(TParser parser, ReadOnlySpan<byte> value, out T result, [NotNullWhen(false)] out string? error)
        where TParser : IJsonValueParser<T>
    {
        result = default!;
        if (!TryCheckValue(value, out error))
        {
            return false;
        }

        try
        {
            return parser.Parse(value, out result, out error);
        }
        catch (JsonException ex)
        {
            error = NotJson(ex);
            return false;
        }
    }

    /// <summary>The reason for a value the reader rejected as JSON.</summary>
    public static string NotJson(JsonException exception) => $"value is not valid JSON: {exception.Message}";

    /// <summary>A reader over a whole value (the final block).</summary>
    public static Utf8JsonReader CreateReader(ReadOnlySpan<byte> value) => new(value, ReaderOptions);

    /// <summary>Reads the first token, which must open an object.</summary>
    public static bool TryReadStartObject(ref Utf8JsonReader reader, [NotNullWhen(false)] out string? error)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"value must be a JSON object, got {Shown(ref reader)}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Reads past the end of the top-level object: anything after it (a second value, garbage) throws, so it is not valid JSON.</summary>
    public static void ReadToEnd(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    /// <summary>
    /// The current property name, unescaped into <paramref name="scratch"/> when needed; a name too long for
    /// the scratch is returned raw (it cannot be one of the short names a decoder knows).
    /// </summary>
    public static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader, Span<byte> scratch) => Unescaped(ref reader, scratch);

    /// <summary>Reads a string field; <paramref name="pool"/> interns low-cardinality values.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadText(ref Utf8JsonReader reader, string field, bool nonEmpty, StringPool? pool, out string? text)
    {
        if (reader.TokenType != JsonTokenType.String || (nonEmpty && reader.ValueSpan.IsEmpty))
        {
            text = null;
            return $"field \"{field}\" must be a {(nonEmpty ? "non-empty " : string.Empty)}string, got {Shown(ref reader)}";
        }

        text = pool is not null && !reader.ValueIsEscaped ? pool.Get(reader.ValueSpan) : reader.GetString();
        return null;
    }

    /// <summary>Reads an optional string field: <c>null</c> means absent.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadOptionalText(ref Utf8JsonReader reader, string field, StringPool? pool, out string? text)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            text = null;
            return null;
        }

        return ReadText(ref reader, field, nonEmpty: false, pool, out text);
    }

    /// <summary>Reads a 64-bit id: a JSON integer or a string of its decimal digits (<c>42</c> or <c>"42"</c>).</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadId(ref Utf8JsonReader reader, string field, Span<byte> scratch, out long value)
    {
        value = 0;
        var ok = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value),
            JsonTokenType.String => DecimalInt64.TryParse(Unescaped(ref reader, scratch), out value),
            _ => false,
        };
        return ok ? null : $"field \"{field}\" must be an integer, got {Shown(ref reader)}";
    }

    /// <summary>Reads an optional 64-bit id (see <see cref="ReadId"/>): <c>null</c> means absent.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadOptionalId(ref Utf8JsonReader reader, string field, Span<byte> scratch, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var error = ReadId(ref reader, field, scratch, out var id);
        if (error is null)
        {
            value = id;
        }

        return error;
    }

    /// <summary>Reads a JSON integer that fits a <see cref="long"/> and is at least <paramref name="minimum"/>.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadInt64(ref Utf8JsonReader reader, string field, long minimum, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value) && value >= minimum)
        {
            return null;
        }

        value = 0;
        return minimum == long.MinValue
            ? $"field \"{field}\" must be an integer, got {Shown(ref reader)}"
            : $"field \"{field}\" must be an integer >= {minimum.ToString(CultureInfo.InvariantCulture)}, got {Shown(ref reader)}";
    }

    /// <summary>Reads a JSON integer that fits an <see cref="int"/> and is at least <paramref name="minimum"/>.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadInt32(ref Utf8JsonReader reader, string field, int minimum, out int value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value) && value >= minimum)
        {
            return null;
        }

        value = 0;
        return minimum == int.MinValue
            ? $"field \"{field}\" must be a 32-bit integer, got {Shown(ref reader)}"
            : $"field \"{field}\" must be a 32-bit integer >= {minimum.ToString(CultureInfo.InvariantCulture)}, got {Shown(ref reader)}";
    }

    /// <summary>The largest amount an input record may carry (10¹²): sums of many stay exact in <see cref="decimal"/>.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Reads a JSON number as an exact decimal in (0, <see cref="MaxAmount"/>] (amounts).</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadPositiveDecimal(ref Utf8JsonReader reader, string field, out decimal value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out value) && value is > 0 and <= MaxAmount)
        {
            return null;
        }

        value = 0;
        return $"field \"{field}\" must be a number > 0 and at most 1e12, got {Shown(ref reader)}";
    }

    /// <summary>Reads a JSON number as an exact decimal in [0, <see cref="MaxAmount"/>].</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadNonNegativeDecimal(ref Utf8JsonReader reader, string field, out decimal value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out value) && value is >= 0 and <= MaxAmount)
        {
            return null;
        }

        value = 0;
        return $"field \"{field}\" must be a number >= 0 and at most 1e12, got {Shown(ref reader)}";
    }

    private static bool IsAscii(ReadOnlySpan<byte> utf8, string ascii)
    {
        if (utf8.Length != ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a string that must be one of the ASCII <paramref name="choices"/> (exact, case-sensitive); returns that instance.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadChoice(ref Utf8JsonReader reader, string field, IReadOnlyList<string> choices, out string? value)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            var span = reader.ValueSpan;
            for (var i = 0; i < choices.Count; i++)
            {
                if (IsAscii(span, choices[i]))
                {
                    value = choices[i];
                    return null;
                }
            }
        }

        value = null;
        return $"field \"{field}\" must be one of {string.Join(", ", choices)}, got {Shown(ref reader)}";
    }

    /// <summary>Reads a JSON number in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadDouble(ref Utf8JsonReader reader, string field, double minimum, double maximum, out double value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value) && value >= minimum && value <= maximum)
        {
            return null;
        }

        value = 0;
        return string.Create(CultureInfo.InvariantCulture, $"field \"{field}\" must be a number between {minimum} and {maximum}, got {Shown(ref reader)}");
    }

    /// <summary>Reads an optional number (see <see cref="ReadDouble"/>): <c>null</c> means absent.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadOptionalDouble(ref Utf8JsonReader reader, string field, double minimum, double maximum, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var error = ReadDouble(ref reader, field, minimum, maximum, out var number);
        if (error is null)
        {
            value = number;
        }

        return error;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadBoolean(ref Utf8JsonReader reader, string field, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False ? null : $"field \"{field}\" must be a boolean, got {Shown(ref reader)}";
    }

    /// <summary>Reads an optional boolean: <c>null</c> means absent.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadOptionalBoolean(ref Utf8JsonReader reader, string field, out bool? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var error = ReadBoolean(ref reader, field, out var flag);
        if (error is null)
        {
            value = flag;
        }

        return error;
    }

    /// <summary>
    /// Reads a timestamp: an ISO-8601 string (see <see cref="IsoTimestamp.TryParse"/>) or a JSON integer of
    /// milliseconds since the Unix epoch, in years 0001–9999.
    /// </summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadTimestamp(ref Utf8JsonReader reader, string field, Span<byte> scratch, out EventTime value)
    {
        value = default;
        var ok = false;
        if (reader.TokenType == JsonTokenType.String)
        {
            ok = IsoTimestamp.TryParse(Unescaped(ref reader, scratch), out value);
        }
        else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var milliseconds)
                 && milliseconds is >= IsoTimestamp.MinUnixMilliseconds and <= IsoTimestamp.MaxUnixMilliseconds)
        {
            value = EventTime.FromUnixMilliseconds(milliseconds);
            ok = true;
        }

        return ok ? null : $"field \"{field}\" must be an ISO-8601 timestamp or epoch milliseconds, got {Shown(ref reader)}";
    }

    /// <summary>
    /// Reads the event time of an input record: a timestamp (see <see cref="ReadTimestamp"/>) at or after the Unix epoch
    /// (an earlier one is a producer's mistake, e.g. seconds read as milliseconds, or a zero date).
    /// </summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadEventTime(ref Utf8JsonReader reader, string field, Span<byte> scratch, out EventTime value)
    {
        var error = ReadTimestamp(ref reader, field, scratch, out value);
        if (error is null && value.Ticks < 0)
        {
            error = $"field \"{field}\" must not be before 1970-01-01T00:00:00Z, got {Shown(ref reader)}";
            value = default;
        }

        return error;
    }

    /// <summary>Reads an optional event time (see <see cref="ReadEventTime"/>): <c>null</c> means absent.</summary>
    /// <returns>Null, or the reason the value is rejected.</returns>
    public static string? ReadOptionalEventTime(ref Utf8JsonReader reader, string field, Span<byte> scratch, out EventTime? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var error = ReadEventTime(ref reader, field, scratch, out var time);
        if (error is null)
        {
            value = time;
        }

        return error;
    }

    /// <summary>Skips an unknown field's value, whatever it is.</summary>
    /// <returns>Null.</returns>
    public static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>The first required field not seen: <paramref name="names"/>[i] is the name of bit i.</summary>
    public static string MissingField(int seen, int required, ReadOnlySpan<string> names) =>
        $"missing required field \"{names[System.Numerics.BitOperations.TrailingZeroCount(required & ~seen)]}\"";

    /// <summary>The current token as the error shows it: strings quoted (and shortened), containers named.</summary>
    public static string Shown(ref Utf8JsonReader reader)
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

    /// <summary>The current string or name token without escapes; one too long for <paramref name="scratch"/> is returned raw.</summary>
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.ValueIsEscaped || reader.ValueSpan.Length > scratch.Length)
        {
            return reader.ValueSpan;
        }

        var length = reader.CopyString(scratch);
        return scratch[..length];
    }
}
