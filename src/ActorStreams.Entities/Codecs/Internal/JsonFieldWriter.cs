using System.Text.Json;
using ActorStreams.Domain;

namespace ActorStreams.Entities.Codecs.Internal;

/// <summary>Field writers shared by the encoders: timestamps as ISO-8601 text, nullable values as JSON <c>null</c>.</summary>
internal static class JsonFieldWriter
{
    /// <summary>
    /// Writes an instant of a public output topic: ISO-8601 UTC with exactly three fraction digits and <c>Z</c>
    /// (docs/design.md §5), rounded down to the millisecond.
    /// </summary>
    public static void WriteTimestamp(Utf8JsonWriter writer, JsonEncodedText name, EventTime time) => Write(writer, name, time, fullPrecision: false);

    /// <summary>Writes an instant losslessly: milliseconds, or seven fraction digits when it has sub-millisecond precision.</summary>
    public static void WriteExactTimestamp(Utf8JsonWriter writer, JsonEncodedText name, EventTime time) => Write(writer, name, time, fullPrecision: true);

    public static void WriteNumberOrNull(Utf8JsonWriter writer, JsonEncodedText name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteNumberOrNull(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteStringOrNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonEncodedText name, EventTime time, bool fullPrecision)
    {
        Span<byte> text = stackalloc byte[IsoTimestamp.MaxFormattedLength];
        var length = IsoTimestamp.Format(time, text, fullPrecision);
        writer.WriteString(name, text[..length]);
    }
}
