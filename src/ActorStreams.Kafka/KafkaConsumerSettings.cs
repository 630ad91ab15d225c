namespace ActorStreams.Kafka;

/// <summary>Source settings (<c>actorstreams.kafka.consumer</c>).</summary>
public sealed record KafkaConsumerSettings
{
    /// <summary>Defaults of reference.conf.</summary>
    public static KafkaConsumerSettings Default { get; } = new();

    /// <summary>
    /// The most records of one partition's pipeline in flight at each step: read and waiting (the partition is paused
    /// when that many wait), at the entities, and with the producer.
    /// </summary>
    public int MaxInFlightPerPartition { get; init; } = 500;

    /// <summary>Waiting records at or below which a paused partition resumes (below <see cref="MaxInFlightPerPartition"/>).</summary>
    public int ResumeAt { get; init; } = 250;

    /// <summary>librdkafka <c>fetch.max.bytes</c>: the most a fetch response may carry.</summary>
    public int FetchMaxBytes { get; init; } = 52_428_800;

    /// <summary>
    /// The largest record value the pipelines process; a larger one goes to <c>dead-letter</c> with the reason (its text
    /// is kept there), so one oversized record never holds up or exhausts a node.
    /// </summary>
    public int MaxRecordBytes { get; init; } = 1_048_576;

    /// <summary>
    /// How far an input record's event time may be after its Kafka timestamp; a record further ahead goes to
    /// <c>dead-letter</c> (one timestamp far in the future would move its partition's watermarks past every open window).
    /// Zero turns the check off.
    /// </summary>
    public TimeSpan MaxTimestampAhead { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Raw librdkafka consumer properties applied last (they win over everything above).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
