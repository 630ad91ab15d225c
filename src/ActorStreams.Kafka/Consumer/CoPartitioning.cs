namespace ActorStreams.Kafka.Consumer;

/// <summary>The start-up check of docs/design.md §2: co-partitioned input topics must have equal partition counts.</summary>
public static class CoPartitioning
{
    /// <summary>
    /// Verifies the co-partitioned topics among <paramref name="subscribedTopics"/> against
    /// <paramref name="partitionCounts"/> (topic → partition count from broker metadata).
    /// </summary>
    /// <exception cref="KafkaLayerException">The counts differ; the message names every topic and its count.</exception>
    public static void Verify(KafkaSettings settings, IEnumerable<string> subscribedTopics, IReadOnlyDictionary<string, int> partitionCounts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(subscribedTopics);
        ArgumentNullException.ThrowIfNull(partitionCounts);
        var subscribed = new HashSet<string>(subscribedTopics, StringComparer.Ordinal);
        var checkedTopics = settings.CoPartitionedTopics
            .Where(subscribed.Contains)
            .Select(topic => (Topic: topic, Count: partitionCounts.TryGetValue(topic, out var count) ? count : 0))
            .ToList();
        if (checkedTopics.Select(t => t.Count).Distinct().Count() > 1)
        {
            throw new KafkaLayerException(
                "refusing to start: the co-partitioned topics (actorstreams.kafka.co-partitioned) must have equal partition counts, got " +
                string.Join(", ", checkedTopics.Select(t => $"\"{t.Topic}\" = {t.Count}")) +
                ". Recreate the topics with the same partition count so partition p of each lands on the same node.");
        }
    }
}
