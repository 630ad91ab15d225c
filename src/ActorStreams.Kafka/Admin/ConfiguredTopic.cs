namespace ActorStreams.Kafka.Admin;

/// <summary>One topic of the configuration as the cluster should have it (<c>actorstreams.kafka.topics</c>).</summary>
/// <param name="LogicalName">The key under <c>actorstreams.kafka.topics</c>, e.g. <c>repartition-merchant</c>.</param>
/// <param name="Name">The physical topic name.</param>
/// <param name="Partitions">Partition count: <c>actorstreams.kafka.partitions</c>.</param>
/// <param name="ReplicationFactor">Replicas of each partition: <c>actorstreams.kafka.replication-factor</c>.</param>
/// <param name="Compacted">Listed in <c>actorstreams.kafka.compacted-topics</c>: <c>cleanup.policy=compact</c>, else <c>delete</c>.</param>
public sealed record ConfiguredTopic(string LogicalName, string Name, int Partitions, short ReplicationFactor, bool Compacted)
{
    /// <summary>The topic's <c>cleanup.policy</c>.</summary>
    public string CleanupPolicy => Compacted ? "compact" : "delete";

    /// <summary>Every topic of <paramref name="settings"/>, the internal repartition topics included, in configuration order.</summary>
    public static IReadOnlyList<ConfiguredTopic> All(KafkaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return
        [
            .. settings.Topics.All.Select(t => new ConfiguredTopic(
                t.Key, t.Value, settings.Partitions, settings.ReplicationFactor, settings.CompactedTopics.Contains(t.Key))),
        ];
    }
}
