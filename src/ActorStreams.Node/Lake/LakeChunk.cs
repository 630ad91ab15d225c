using System.Text;
using ActorStreams.Lake;

namespace ActorStreams.Node.Lake;

/// <summary>
/// A chunk: the rows one partition's archive took in between two checkpoints, each with the file buffer it went to, in
/// the order taken. Stored under <c>_chunks/</c> before the checkpoint that refers to it is written; read back by the
/// next owner to reopen the buffers and to write the files the checkpoint left waiting.
/// </summary>
internal static class LakeChunk
{
    private static readonly byte[] Magic = "ASLC"u8.ToArray();
    private const byte Version = 1;

    /// <summary>The chunk's key: <c>_chunks/&lt;kind&gt;-&lt;partition&gt;/&lt;id&gt;.chunk</c>, ids zero-padded so keys sort by id.</summary>
    public static string Key(string kind, int partition, long id) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Prefix(kind, partition)}{id:D19}.chunk");

    /// <summary>The folder of a partition's chunks.</summary>
    public static string Prefix(string kind, int partition) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"_chunks/{kind}-{partition}/");

    /// <summary>The chunk id of <paramref name="key"/>, or null when it is not a chunk key of that folder.</summary>
    public static long? IdOf(string prefix, string key) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(".chunk", StringComparison.Ordinal)
            && long.TryParse(key.AsSpan(prefix.Length, key.Length - prefix.Length - ".chunk".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public static byte[] Encode(IReadOnlyList<(long BufferId, LakeRowSource Row)> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(rows.Count);
            foreach (var (bufferId, row) in rows)
            {
                writer.Write(bufferId);
                writer.Write(row.Dataset.Name);
                writer.Write(row.KafkaPartition);
                writer.Write(row.KafkaOffset);
                writer.Write(row.Duplicate);
                writer.Write(row.RecordTimestampMs);
                writer.Write(row.Json.Length);
                writer.Write(row.Json);
            }
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a chunk.</exception>
    public static List<(long BufferId, LakeRowSource Row)> Decode(byte[] bytes, string key)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadByte() != Version)
            {
                throw new InvalidDataException($"{key} is not a lake chunk of version {Version}");
            }

            var count = reader.ReadInt32();
            var rows = new List<(long, LakeRowSource)>(count);
            for (var i = 0; i < count; i++)
            {
                var bufferId = reader.ReadInt64();
                var dataset = LakeDataset.FromName(reader.ReadString());
                var partition = reader.ReadInt32();
                var offset = reader.ReadInt64();
                var duplicate = reader.ReadBoolean();
                var timestamp = reader.ReadInt64();
                var json = reader.ReadBytes(reader.ReadInt32());
                rows.Add((bufferId, new LakeRowSource(dataset, json, partition, offset, duplicate, timestamp)));
            }

            return rows;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"{key} is truncated", ex);
        }
    }
}
