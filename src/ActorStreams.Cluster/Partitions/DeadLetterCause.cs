namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// Why a record went to the dead-letter topic, as a small fixed set of classes: the label of the dead-letter metric
/// (the record itself carries the full reason, which is free text and would make a label unbounded).
/// </summary>
public enum DeadLetterCause
{
    /// <summary>The value is not a JSON object: absent (a tombstone), empty, not UTF-8, malformed JSON, or another JSON value.</summary>
    NotJson,

    /// <summary>A JSON object with a required field missing, or a field of the wrong type or out of its range.</summary>
    InvalidField,

    /// <summary>The key is missing, not a valid id, or not the id in the value.</summary>
    InvalidKey,

    /// <summary>The event time is further ahead of the record's Kafka timestamp than <c>actorstreams.kafka.consumer.max-timestamp-ahead</c>.</summary>
    TimestampAhead,

    /// <summary>The value is larger than <c>actorstreams.kafka.consumer.max-record-bytes</c>.</summary>
    TooLarge,

    /// <summary>The entity's handling of the record threw.</summary>
    HandlerFailed,

    /// <summary>The record's topic is not an input of the partition that read it.</summary>
    UnknownTopic,
}
