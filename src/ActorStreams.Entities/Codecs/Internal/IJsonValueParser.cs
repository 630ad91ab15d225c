using System.Diagnostics.CodeAnalysis;

namespace ActorStreams.Entities.Codecs.Internal;

/// <summary>Reads the fields of one JSON value that passed the checks of <see cref="JsonFieldReader.TryDecode{TParser, T}"/>.</summary>
/// <typeparam name="T">The decoded record.</typeparam>
internal interface IJsonValueParser<T>
{
    /// <summary>Reads the fields (a <see cref="System.Text.Json.JsonException"/> becomes the dead-letter reason).</summary>
    bool Parse(ReadOnlySpan<byte> value, out T result, [NotNullWhen(false)] out string? error);
}
