using System.Buffers;
using System.Text.Json;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// An <see cref="IRecordEncoder{T}"/> that writes one JSON object through a reused writer: subclasses write the fields.
/// One caller at a time per instance.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class JsonRecordEncoder<T> : IRecordEncoder<T>
    where T : class
{
    private readonly JsonOutput _output = new();

    /// <inheritdoc />
    public byte[] Encode(T record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Write(_output.Start(), record);
        return _output.ToArray();
    }

    /// <inheritdoc />
    public void Encode(T record, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        Write(_output.Start(destination), record);
        _output.Finish();
    }

    /// <summary>Writes <paramref name="record"/> as one JSON object.</summary>
    protected abstract void Write(Utf8JsonWriter writer, T record);
}
