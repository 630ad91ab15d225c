using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorStreams.Persistence.Ledger.Internal;

/// <summary>
/// The binary form of ledger checkpoints and snapshots: a version byte, the time, the owner (since version 2), a flags
/// byte (since version 3; bit 0: released), the offsets, the stream state and the entities, with variable-length
/// integers for counts and lengths. Compact and cheap to read back on recovery. Versions 1 (no owner) and 2 (no flags)
/// are still read.
/// </summary>
internal static class LedgerBinary
{
    public const byte Version = 3;

    private const byte VersionWithoutOwner = 1;
    private const byte VersionWithoutFlags = 2;
    private const byte ReleasedFlag = 1;

    public static byte[] Write(LedgerRecord record)
    {
        var (offsets, streamState, entities, writtenAt, owner, released) = record;
        var size = 16 + (owner?.Length ?? 0) + (offsets.Count * 24) + (streamState?.Length ?? 0);
        foreach (var entity in entities)
        {
            size += entity.Id.Length + entity.State.Length + 8;
        }

        var buffer = new ArrayBufferWriter<byte>(size);
        Byte(buffer, Version);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), writtenAt.UtcTicks);
        buffer.Advance(8);
        Text(buffer, owner ?? "");
        Byte(buffer, released ? ReleasedFlag : (byte)0);
        VarInt(buffer, (ulong)offsets.Count);
        foreach (var (topic, offset) in offsets.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            Text(buffer, topic);
            VarInt(buffer, (ulong)offset);
        }

        Blob(buffer, streamState);
        VarInt(buffer, (ulong)entities.Count);
        foreach (var entity in entities)
        {
            Text(buffer, entity.Id);
            Byte(buffer, entity.KeepActive ? (byte)1 : (byte)0);
            Blob(buffer, entity.State);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a ledger record of a known version.</exception>
    public static LedgerRecord Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        var version = reader.Byte();
        if (version is not (Version or VersionWithoutFlags or VersionWithoutOwner))
        {
            throw new InvalidDataException($"ledger record of unknown version {version} (this build reads versions {VersionWithoutOwner} to {Version})");
        }

        var writtenAt = new DateTimeOffset(reader.Int64(), TimeSpan.Zero);
        var owner = version == VersionWithoutOwner ? null : reader.Text() is { Length: > 0 } text ? text : null;
        var flags = version == Version ? reader.Byte() : (byte)0;
        if ((flags & ~ReleasedFlag) != 0)
        {
            throw new InvalidDataException($"ledger record has unknown flags 0x{flags:x2}");
        }

        var offsetCount = reader.Count();
        var offsets = new Dictionary<string, long>(offsetCount, StringComparer.Ordinal);
        for (var i = 0; i < offsetCount; i++)
        {
            offsets[reader.Text()] = (long)reader.VarInt();
        }

        var streamState = reader.Blob();
        var entityCount = reader.Count();
        var entities = new List<EntityStateRecord>(entityCount);
        for (var i = 0; i < entityCount; i++)
        {
            var id = reader.Text();
            var keepActive = reader.Byte() != 0;
            entities.Add(new EntityStateRecord(id, reader.Blob() ?? [], keepActive));
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException("ledger record has trailing bytes");
        }

        return new LedgerRecord(offsets, streamState, entities, writtenAt, owner, (flags & ReleasedFlag) != 0);
    }

    private static void Byte(ArrayBufferWriter<byte> buffer, byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    private static void VarInt(ArrayBufferWriter<byte> buffer, ulong value)
    {
        var span = buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        buffer.Advance(i);
    }

    private static void Text(ArrayBufferWriter<byte> buffer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        VarInt(buffer, (ulong)length);
        Encoding.UTF8.GetBytes(text, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    /// <summary>Length + 1 (0 for null), then the bytes.</summary>
    private static void Blob(ArrayBufferWriter<byte> buffer, byte[]? blob)
    {
        if (blob is null)
        {
            VarInt(buffer, 0);
            return;
        }

        VarInt(buffer, (ulong)blob.Length + 1);
        buffer.Write(blob);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public readonly bool AtEnd => _position == _bytes.Length;

        public byte Byte()
        {
            Need(1);
            return _bytes[_position++];
        }

        public long Int64()
        {
            Need(8);
            var value = BinaryPrimitives.ReadInt64LittleEndian(_bytes[_position..]);
            _position += 8;
            return value;
        }

        public ulong VarInt()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("ledger record has a malformed variable-length integer");
        }

        public int Count()
        {
            var count = VarInt();
            return count <= (ulong)(_bytes.Length - _position) ? (int)count : throw new InvalidDataException("ledger record has a count beyond its length");
        }

        public string Text()
        {
            var length = Count();
            var text = Encoding.UTF8.GetString(_bytes.Slice(_position, length));
            _position += length;
            return text;
        }

        public byte[]? Blob()
        {
            var length = VarInt();
            if (length == 0)
            {
                return null;
            }

            var size = (int)(length - 1);
            Need(size);
            var blob = _bytes.Slice(_position, size).ToArray();
            _position += size;
            return blob;
        }

        private readonly void Need(int count)
        {
            if (count < 0 || _position + count > _bytes.Length)
            {
                throw new InvalidDataException("ledger record is truncated");
            }
        }
    }
}
