using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorStreams.Node.Admin;

/// <summary>Timestamps of the admin API: ISO-8601 UTC with milliseconds, <c>2026-11-22T05:17:29.123Z</c>.</summary>
internal sealed class IsoUtcConverter : JsonConverter<DateTimeOffset>
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("a timestamp string is expected"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
