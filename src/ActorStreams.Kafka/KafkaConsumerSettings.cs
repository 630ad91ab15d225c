namespace ActorStreams.Kafka;

/// <summary>Source settings (<c>actorstreams.kafka.consumer</c>).</summary>
public sealed record KafkaConsumerSettings
{
    /// <summary>Defaults of reference.conf.</summary>
    public static KafkaConsumerSettings Default { get; } = new();

    /// <summary>Records handed out and not yet completed, per partition, at which the partition is paused.</summary>
    public int MaxInFlightPerPartition { get; init; } = 10_000;

    /// <summary>In-flight count at or below which a paused partition resumes (below <see cref="MaxInFlightPerPartition"/>).</summary>
    public int ResumeAt { get; init; } = 5_000;

    /// <summary>How long a revocation waits for in-flight records to complete before it checkpoints what completed.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>librdkafka <c>fetch.max.bytes</c>: the most a fetch response may carry.</summary>
    public int FetchMaxBytes { get; init; } = 52_428_800;

    /// <summary>Raw librdkafka consumer properties applied last (they win over everything above).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
