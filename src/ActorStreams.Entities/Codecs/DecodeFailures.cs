using System.Text.Json;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// The class of a value a decoder refused, for the dead-letter metric. Decided from the value itself, not from the
/// decoder's wording, so that it holds whatever the reason says; it reads the value once more, on the dead-letter
/// path only.
/// </summary>
public static class DecodeFailures
{
    /// <summary>
    /// <see cref="DeadLetterCause.NotJson"/> when <paramref name="value"/> is not one well-formed JSON object (absent,
    /// empty, not UTF-8, malformed, another JSON value, or followed by more text); otherwise
    /// <see cref="DeadLetterCause.InvalidField"/>: the decoder refused one of the object's fields.
    /// </summary>
    public static DeadLetterCause Classify(ReadOnlySpan<byte> value)
    {
        if (!JsonFieldReader.TryCheckValue(value, out _))
        {
            return DeadLetterCause.NotJson;
        }

        try
        {
            var reader = JsonFieldReader.CreateReader(value);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return DeadLetterCause.NotJson;
            }

            reader.Skip();
            JsonFieldReader.ReadToEnd(ref reader);
            return DeadLetterCause.InvalidField;
        }
        catch (JsonException)
        {
            return DeadLetterCause.NotJson;
        }
    }
}
