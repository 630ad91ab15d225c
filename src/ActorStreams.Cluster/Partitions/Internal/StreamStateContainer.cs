using System.Buffers.Binary;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// The ledger's stream state of a partition: the dispatch step's part, the forward step's and the archive's (the lake
/// sink's), each optional. The archive's part comes last and only when there is one, so states written before it
/// existed read unchanged.
/// </summary>
internal static class StreamStateContainer
{
    public static byte[]? Pack(byte[]? dispatch, byte[]? forward, byte[]? archive = null)
    {
        if (dispatch is null && forward is null && archive is null)
        {
            return null;
        }

        var bytes = new byte[8 + (dispatch?.Length ?? 0) + (forward?.Length ?? 0) + (archive is null ? 0 : 4 + archive.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, dispatch?.Length ?? -1);
        dispatch?.CopyTo(bytes, 4);
        var at = 4 + (dispatch?.Length ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), forward?.Length ?? -1);
        forward?.CopyTo(bytes, at + 4);
        if (archive is not null)
        {
            at += 4 + (forward?.Length ?? 0);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), archive.Length);
            archive.CopyTo(bytes, at + 4);
        }

        return bytes;
    }

    /// <exception cref="InvalidDataException">The bytes are not a packed stream state.</exception>
    public static (byte[]? Dispatch, byte[]? Forward, byte[]? Archive) Unpack(byte[]? bytes)
    {
        if (bytes is null)
        {
            return (null, null, null);
        }

        var span = bytes.AsSpan();
        var dispatch = Part(ref span);
        var forward = Part(ref span);
        var archive = span.IsEmpty ? null : Part(ref span);
        return span.IsEmpty ? (dispatch, forward, archive) : throw new InvalidDataException("partition stream state has trailing bytes");

        static byte[]? Part(ref Span<byte> span)
        {
            if (span.Length < 4)
            {
                throw new InvalidDataException("partition stream state is truncated");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(span);
            span = span[4..];
            if (length < 0)
            {
                return null;
            }

            if (length > span.Length)
            {
                throw new InvalidDataException("partition stream state is truncated");
            }

            var part = span[..length].ToArray();
            span = span[length..];
            return part;
        }
    }
}
