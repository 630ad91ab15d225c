namespace ActorStreams.Kafka;

/// <summary>
/// The Kafka layer's settings (<c>actorstreams.kafka</c>): where the brokers are, topic names, which
/// topics are compacted and co-partitioned, and the source and sink settings.
/// </summary>
public sealed partial record KafkaSettings
{
    /// <summary>Defaults of reference.conf.</summary>
    public static KafkaSettings Default { get; } = new();

    /// <summary><c>bootstrap.servers</c>: comma-separated host:port list.</summary>
    public string BootstrapServers { get; init; } = "127.0.0.1:9092";

    /// <summary><c>client.id</c> prefix of every client this layer creates.</summary>
    public string ClientId { get; init; } = "actorstreams";

    /// <summary>Partition count of the topics the dev broker creates.</summary>
    public int Partitions { get; init; } = 12;

    /// <summary>Replication factor of the topics <c>actorstreams topics create</c> creates.</summary>
    public short ReplicationFactor { get; init; } = 1;

    /// <summary>Topic names by logical name.</summary>
    public KafkaTopics Topics { get; init; } = KafkaTopics.Default;

    /// <summary>Logical names of the compacted topics.</summary>
    public IReadOnlySet<string> CompactedTopics { get; init; } =
        new HashSet<string>(["customer-details", "customer-offers"], StringComparer.Ordinal);

    /// <summary>Logical names of the input topics that must have equal partition counts (docs/design.md §2).</summary>
    public IReadOnlyList<string> CoPartitioned { get; init; } =
        ["transactions", "customer-activity", "customer-details", "loan-applications", "customer-events"];

    /// <summary>Source settings.</summary>
    public KafkaConsumerSettings Consumer { get; init; } = KafkaConsumerSettings.Default;

    /// <summary>Sink settings.</summary>
    public KafkaProducerSettings Producer { get; init; } = KafkaProducerSettings.Default;

    /// <summary>
    /// The connection settings among the raw client properties (<c>security.*</c>, <c>sasl.*</c>, <c>ssl.*</c>,
    /// <c>enable.ssl.certificate.verification</c>), from <c>producer.properties</c> then <c>consumer.properties</c> (which
    /// win): what every other client of the layer — the metadata query, the global table readers — needs to reach a
    /// secured cluster, without the consumer- or producer-only tuning.
    /// </summary>
    public IReadOnlyDictionary<string, string> ConnectionProperties()
    {
        var connection = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Producer.Properties.Concat(Consumer.Properties))
        {
            if (key.StartsWith("security.", StringComparison.Ordinal) || key.StartsWith("sasl.", StringComparison.Ordinal)
                || key.StartsWith("ssl.", StringComparison.Ordinal) || key == "enable.ssl.certificate.verification")
            {
                connection[key] = value;
            }
        }

        return connection;
    }

    /// <summary>The physical names of the co-partitioned topics.</summary>
    public IReadOnlyList<string> CoPartitionedTopics => [.. CoPartitioned.Select(Topics.Resolve)];
}
