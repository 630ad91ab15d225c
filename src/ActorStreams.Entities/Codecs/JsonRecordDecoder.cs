using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Entities.Codecs.Internal;
using ActorStreams.Kafka.Decoding;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// An <see cref="IRecordDecoder{T}"/> over one UTF-8 JSON object: checks the value is present and not oversized, and turns
/// malformed JSON into the dead-letter reason; subclasses read the fields.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class JsonRecordDecoder<T> : IRecordDecoder<T>
    where T : class
{
    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> value, [NotNullWhen(true)] out T? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!JsonFieldReader.TryCheckValue(value, out error))
        {
            return false;
        }

        try
        {
            return Parse(value, out result, out error);
        }
        catch (JsonException ex)
        {
            error = JsonFieldReader.NotJson(ex);
            return false;
        }
    }

    /// <summary>Reads the fields of a value that passed the checks (a <see cref="JsonException"/> becomes the reason).</summary>
    private protected abstract bool Parse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out T? result, [NotNullWhen(false)] out string? error);
}
