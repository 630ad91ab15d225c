using System.Text;
using ActorStreams.Lake;

namespace ActorStreams.Node.Lake;

/// <summary>
/// A partition archive's part of a checkpoint: the next ids, and every file buffer not yet written to the lake — open
/// ones and closed ones waiting for the checkpoint that covers them — with its file key and the chunks its rows are in.
/// </summary>
internal sealed class LakeArchiveState
{
    private static readonly byte[] Magic = "ASLS"u8.ToArray();
    private const byte Version = 1;

    public long NextBufferId { get; set; }

    public long NextChunkId { get; set; }

    public List<BufferEntry> Buffers { get; } = [];

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(NextBufferId);
            writer.Write(NextChunkId);
            writer.Write(Buffers.Count);
            foreach (var buffer in Buffers)
            {
                writer.Write(buffer.Id);
                writer.Write(buffer.Dataset.Name);
                writer.Write(buffer.Hour.UtcTicks);
                writer.Write(buffer.FileKey);
                writer.Write(buffer.Closed);
                writer.Write(buffer.Chunks.Count);
                foreach (var chunk in buffer.Chunks)
                {
                    writer.Write(chunk);
                }
            }
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not an archive state.</exception>
    public static LakeArchiveState Decode(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadByte() != Version)
            {
                throw new InvalidDataException($"not a lake archive state of version {Version}");
            }

            var state = new LakeArchiveState { NextBufferId = reader.ReadInt64(), NextChunkId = reader.ReadInt64() };
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var id = reader.ReadInt64();
                var dataset = LakeDataset.FromName(reader.ReadString());
                var hour = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
                var key = reader.ReadString();
                var closed = reader.ReadBoolean();
                var chunks = new long[reader.ReadInt32()];
                for (var c = 0; c < chunks.Length; c++)
                {
                    chunks[c] = reader.ReadInt64();
                }

                state.Buffers.Add(new BufferEntry(id, dataset, hour, key, closed, chunks));
            }

            return reader.BaseStream.Position == bytes.Length ? state : throw new InvalidDataException("lake archive state has trailing bytes");
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("lake archive state is truncated", ex);
        }
    }

    /// <summary>A file buffer as the checkpoint records it.</summary>
    public sealed record BufferEntry(long Id, LakeDataset Dataset, DateTimeOffset Hour, string FileKey, bool Closed, IReadOnlyList<long> Chunks);
}
