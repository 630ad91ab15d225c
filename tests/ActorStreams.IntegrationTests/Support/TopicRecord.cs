using System.Text;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>One record as a plain consumer read it back from the broker: its coordinates, key, value and timestamp.</summary>
public sealed record TopicRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value, long TimestampMs)
{
    /// <summary>The key as UTF-8 text, or null when the record has none.</summary>
    public string? KeyText => Key is null ? null : Encoding.UTF8.GetString(Key);

    /// <summary>Where the record is, for messages: <c>topic[partition]@offset</c>.</summary>
    public string Coordinates => $"{Topic}[{Partition}]@{Offset}";
}
