using System.Buffers;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Writes a record in its topic's JSON format (docs/design.md §5): UTF-8, snake_case, every field in the
/// contract's order. Implementations reuse one buffer and writer, so an instance serves one caller at a
/// time (one per actor, sink or thread); they are not thread-safe.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IRecordEncoder<in T>
    where T : class
{
    /// <summary>The record as a new array: the only allocation, since the Kafka client keeps the value.</summary>
    /// <exception cref="ArgumentException">The record has a value JSON cannot carry (a NaN or infinite double, an instant outside years 0001–9999).</exception>
    byte[] Encode(T record);

    /// <summary>Appends the record to <paramref name="destination"/> (e.g. a bulk request body) without an intermediate copy.</summary>
    /// <exception cref="ArgumentException">As <see cref="Encode(T)"/>; <paramref name="destination"/> may then hold part of the record.</exception>
    void Encode(T record, IBufferWriter<byte> destination);
}
