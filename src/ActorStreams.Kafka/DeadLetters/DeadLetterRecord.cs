using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ActorStreams.Kafka.DeadLetters;

/// <summary>
/// A record that could not be processed, as written to the <c>dead-letter</c> topic (docs/design.md §5),
/// keyed by the source record's key.
/// </summary>
public sealed record DeadLetterRecord
{
    /// <summary><c>source_topic</c>: the topic the record came from.</summary>
    public required string SourceTopic { get; init; }

    /// <summary><c>partition</c> of the source record.</summary>
    public required int Partition { get; init; }

    /// <summary><c>offset</c> of the source record.</summary>
    public required long Offset { get; init; }

    /// <summary><c>key</c>: the source key as text, or null when it had none.</summary>
    public string? Key { get; init; }

    /// <summary><c>value</c>: the raw value as text when it is valid UTF-8 (null otherwise, or for a tombstone).</summary>
    public string? Value { get; init; }

    /// <summary><c>value_base64</c>: the raw value in base64 when it is not valid UTF-8 (absent otherwise).</summary>
    public string? ValueBase64 { get; init; }

    /// <summary><c>error</c>: why the record was rejected, e.g. <c>missing required field "amount"</c>.</summary>
    public required string Error { get; init; }

    /// <summary><c>failed_at</c>: when it was rejected, ISO-8601 UTC with milliseconds.</summary>
    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>Builds the dead letter of a raw record; the value goes to <c>value</c> or, when not UTF-8, <c>value_base64</c>.</summary>
    public static DeadLetterRecord Create(
        string sourceTopic, int partition, long offset, byte[]? key, byte[]? value, string error, DateTimeOffset failedAt)
    {
        var isText = value is null || Utf8.IsValid(value);
        return new DeadLetterRecord
        {
            SourceTopic = sourceTopic,
            Partition = partition,
            Offset = offset,
            Key = key is null ? null : Encoding.UTF8.GetString(key),
            Value = isText && value is not null ? Encoding.UTF8.GetString(value) : null,
            ValueBase64 = isText ? null : Convert.ToBase64String(value!),
            Error = error,
            FailedAt = failedAt,
        };
    }

    /// <summary>The record's JSON (snake_case fields; <c>failed_at</c> like <c>2026-11-22T05:17:29.123Z</c>).</summary>
    public byte[] ToJsonUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (Value?.Length ?? 0) + (ValueBase64?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("source_topic"u8, SourceTopic);
            writer.WriteNumber("partition"u8, Partition);
            writer.WriteNumber("offset"u8, Offset);
            writer.WriteString("key"u8, Key);
            if (ValueBase64 is null)
            {
                writer.WriteString("value"u8, Value);
            }
            else
            {
                writer.WriteString("value_base64"u8, ValueBase64);
            }

            writer.WriteString("error"u8, Error);
            writer.WriteString("failed_at"u8, FailedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
