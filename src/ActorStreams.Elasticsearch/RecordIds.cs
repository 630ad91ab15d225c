using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ActorStreams.Elasticsearch;

/// <summary>Reads a record's id: a top-level string or number field of its JSON value.</summary>
public static class RecordIds
{
    /// <summary>The value of top-level field <paramref name="field"/> (UTF-8) as text, or an error saying why there is none.</summary>
    public static bool TryRead(byte[] json, ReadOnlySpan<byte> field, out string id, out string error)
    {
        ArgumentNullException.ThrowIfNull(json);
        id = string.Empty;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "the record is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(field);
                reader.Read();
                if (!match)
                {
                    reader.Skip();
                    continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        id = reader.GetString()!;
                        break;
                    case JsonTokenType.Number:
                        id = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                        break;
                    default:
                        error = $"field \"{Encoding.UTF8.GetString(field)}\" (the document id) is not a string or a number";
                        return false;
                }

                if (id.Length == 0 || Encoding.UTF8.GetByteCount(id) > 512)
                {
                    error = $"field \"{Encoding.UTF8.GetString(field)}\" (the document id) must have 1 to 512 bytes";
                    return false;
                }

                error = string.Empty;
                return true;
            }
        }
        catch (JsonException ex)
        {
            error = $"the record is not valid JSON: {ex.Message}";
            return false;
        }

        error = $"the record has no \"{Encoding.UTF8.GetString(field)}\" field (the document id)";
        return false;
    }
}
