namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>
/// A record to produce: its logical topic (a key of <c>actorstreams.kafka.topics</c>), key and value. A null value is
/// a tombstone.
/// </summary>
public sealed record PlannedRecord(string Topic, byte[]? Key, byte[]? Value)
{
    /// <summary>A record whose key and value are UTF-8 text.</summary>
    public static PlannedRecord Text(string topic, string? key, string? value) =>
        new(topic, key is null ? null : System.Text.Encoding.UTF8.GetBytes(key), value is null ? null : System.Text.Encoding.UTF8.GetBytes(value));
}
