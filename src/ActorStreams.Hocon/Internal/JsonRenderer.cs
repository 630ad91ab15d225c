using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorStreams.Hocon.Internal;

/// <summary>Writes resolved values as JSON: numbers as written, strings escaped only where JSON requires it.</summary>
internal static class JsonRenderer
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static string Render(ConfigValue value, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Appends <paramref name="text"/> as a JSON string literal.</summary>
    public static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }

    private static void Write(Utf8JsonWriter writer, ConfigValue value)
    {
        switch (value)
        {
            case ConfigObject obj:
                writer.WriteStartObject();
                foreach (var (key, field) in obj)
                {
                    writer.WritePropertyName(key);
                    Write(writer, field);
                }

                writer.WriteEndObject();
                break;
            case ConfigList list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConfigString s:
                writer.WriteStringValue(s.Value);
                break;
            case ConfigNumber n:
                // The text is a JSON number by construction (the tokenizer only accepts JSON number syntax).
                writer.WriteRawValue(n.Text, skipInputValidation: true);
                break;
            case ConfigBoolean b:
                writer.WriteBooleanValue(b.Value);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
