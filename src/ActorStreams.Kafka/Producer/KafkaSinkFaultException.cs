namespace ActorStreams.Kafka.Producer;

/// <summary>
/// A <see cref="KafkaSink"/> failed permanently (a record could not be delivered after librdkafka's
/// retries, or the idempotent producer hit a fatal error). Records may be missing downstream: the node
/// must stop or restart from its last checkpoint.
/// </summary>
public sealed class KafkaSinkFaultException : KafkaLayerException
{
    /// <summary>Creates the exception.</summary>
    public KafkaSinkFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public KafkaSinkFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
