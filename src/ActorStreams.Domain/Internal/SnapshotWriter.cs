using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorStreams.Domain.Internal;

/// <summary>Little-endian primitives for the versioned state snapshots.</summary>
internal readonly struct SnapshotWriter(IBufferWriter<byte> buffer)
{
    private readonly IBufferWriter<byte> _buffer = buffer ?? throw new ArgumentNullException(nameof(buffer));

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteNullableDouble(double? value)
    {
        WriteBool(value.HasValue);
        if (value.HasValue)
        {
            WriteDouble(value.Value);
        }
    }

    public void WriteDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var span = _buffer.GetSpan(16);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], bits[i]);
        }

        _buffer.Advance(16);
    }

    /// <summary>Length-prefixed UTF-8; length -1 is null.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(length);
        var span = _buffer.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        _buffer.Advance(length);
    }
}
