using System.Diagnostics.CodeAnalysis;

namespace ActorStreams.Kafka.Decoding;

/// <summary>
/// Turns a record value into a validated event, or explains why it cannot: the reason is what the
/// dead-letter record carries (e.g. <c>missing required field "amount"</c>). Implementations are thread-safe.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
public interface IRecordDecoder<T>
    where T : class
{
    /// <summary>Decodes <paramref name="value"/> (UTF-8 JSON).</summary>
    /// <returns>True with <paramref name="result"/> set, or false with <paramref name="error"/> set.</returns>
    bool TryDecode(ReadOnlySpan<byte> value, [NotNullWhen(true)] out T? result, [NotNullWhen(false)] out string? error);
}
