using System.Buffers.Binary;
using System.Text;

namespace ActorStreams.Domain.Internal;

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote; any inconsistency is an <see cref="InvalidDataException"/>.</summary>
internal ref struct SnapshotReader(ReadOnlySpan<byte> data, string stateName)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private readonly string _stateName = stateName;
    private int _position;

    /// <summary>Reads the leading version byte and rejects any other version.</summary>
    public void ExpectVersion(byte expected)
    {
        var version = ReadByte();
        if (version != expected)
        {
            throw new InvalidDataException(
                $"{_stateName} snapshot has version {version}; this build reads version {expected}.");
        }
    }

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw Corrupt($"invalid boolean byte {other}"),
    };

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public double? ReadNullableDouble() => ReadBool() ? ReadDouble() : null;

    public decimal ReadDecimal()
    {
        var span = Take(16);
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            bits[i] = BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]);
        }

        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{_stateName} snapshot is corrupt: invalid decimal.", ex);
        }
    }

    public string? ReadString()
    {
        var length = ReadInt32();
        if (length == -1)
        {
            return null;
        }

        if (length < 0)
        {
            throw Corrupt($"invalid string length {length}");
        }

        return Encoding.UTF8.GetString(Take(length));
    }

    public string ReadRequiredString() => ReadString() ?? throw Corrupt("unexpected null string");

    /// <summary>Reads a non-negative count, bounded to reject garbage before allocating.</summary>
    public int ReadCount(int max)
    {
        var count = ReadInt32();
        if (count < 0 || count > max)
        {
            throw Corrupt($"count {count} outside [0, {max}]");
        }

        return count;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Fails unless every byte was consumed.</summary>
    public readonly void ExpectEnd()
    {
        if (_position != _data.Length)
        {
            throw Corrupt($"{_data.Length - _position} trailing bytes");
        }
    }

    public readonly InvalidDataException Corrupt(string reason) =>
        new($"{_stateName} snapshot is corrupt: {reason}.");

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _position)
        {
            throw Corrupt("unexpected end of data");
        }

        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }
}
