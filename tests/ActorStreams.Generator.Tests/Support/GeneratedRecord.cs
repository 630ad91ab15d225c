using System.Text;
using System.Text.Json;

namespace ActorStreams.Generator.Tests.Support;

/// <summary>A copy of one generated record, kept for assertions.</summary>
internal sealed record GeneratedRecord(string Topic, string? Key, byte[] Value)
{
    public string Json => Encoding.UTF8.GetString(Value);

    public JsonElement Parse() => JsonDocument.Parse(Value).RootElement.Clone();

    /// <summary>Drains <paramref name="stream"/> into memory (tests use small counts).</summary>
    public static List<GeneratedRecord> Drain(GeneratedRecordStream stream)
    {
        var records = new List<GeneratedRecord>();
        while (stream.MoveNext())
        {
            records.Add(new GeneratedRecord(stream.Topic, stream.HasKey ? Encoding.UTF8.GetString(stream.Key) : null, stream.Value.ToArray()));
        }

        return records;
    }
}
