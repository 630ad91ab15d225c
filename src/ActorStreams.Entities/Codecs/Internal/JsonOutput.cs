using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorStreams.Entities.Codecs.Internal;

/// <summary>
/// One encoder's reusable <see cref="Utf8JsonWriter"/> and buffer: after warm-up an encoding allocates only
/// the final array. Single caller at a time, like the encoders that own it.
/// </summary>
internal sealed class JsonOutput
{
    private const int InitialCapacity = 1024;

    // A record far beyond the usual size (a huge string) should not pin its buffer for the encoder's lifetime.
    private const int MaxRetainedCapacity = 64 * 1024;

    // Relaxed escaping keeps non-ASCII text and characters such as '&' or '+' readable (the values are JSON
    // payloads, never embedded in HTML); quotes, backslashes and control characters are still escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Utf8JsonWriter _writer;
    private ArrayBufferWriter<byte> _buffer = new(InitialCapacity);

    public JsonOutput() => _writer = new Utf8JsonWriter(_buffer, Options);

    /// <summary>A writer over the internal buffer, emptied.</summary>
    public Utf8JsonWriter Start()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        return _writer;
    }

    /// <summary>A writer appending to <paramref name="destination"/>; finish with <see cref="Finish"/>.</summary>
    public Utf8JsonWriter Start(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _writer.Reset(destination);
        return _writer;
    }

    /// <summary>Flushes into the caller's destination and lets go of it.</summary>
    public void Finish()
    {
        _writer.Flush();
        _writer.Reset(_buffer);
    }

    /// <summary>Flushes and copies what was written since <see cref="Start()"/> into a new array.</summary>
    public byte[] ToArray()
    {
        _writer.Flush();
        var bytes = _buffer.WrittenSpan.ToArray();
        if (_buffer.Capacity > MaxRetainedCapacity)
        {
            _buffer = new ArrayBufferWriter<byte>(InitialCapacity);
            _writer.Reset(_buffer);
        }

        return bytes;
    }
}
