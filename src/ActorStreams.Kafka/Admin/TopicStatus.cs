namespace ActorStreams.Kafka.Admin;

/// <summary>A configured topic and how it stands in the cluster.</summary>
/// <param name="Topic">The topic as configured.</param>
/// <param name="State">What was found or done.</param>
/// <param name="ActualPartitions">The cluster's partition count, or null when the topic is missing.</param>
public sealed record TopicStatus(ConfiguredTopic Topic, TopicState State, int? ActualPartitions)
{
    /// <summary>One line for people: name, counts, policy and state.</summary>
    public override string ToString() => State switch
    {
        TopicState.Missing => $"{Topic.Name}: missing (configured: {Topic.Partitions} partitions, {Topic.CleanupPolicy})",
        TopicState.Created => $"{Topic.Name}: created ({Topic.Partitions} partitions, replication factor {Topic.ReplicationFactor}, cleanup.policy={Topic.CleanupPolicy})",
        TopicState.Exists => $"{Topic.Name}: exists ({ActualPartitions} partitions), left as it is",
        _ => $"{Topic.Name}: has {ActualPartitions} partitions, the configuration says {Topic.Partitions} (actorstreams.kafka.partitions); not changed",
    };
}
