namespace ActorStreams.Kafka;

/// <summary>
/// A failure of the Kafka layer the node must act on: a missing native library, a refused
/// start-up check (co-partitioning, settings), a broken dev broker or a faulted sink.
/// </summary>
public class KafkaLayerException : ActorStreamsException
{
    /// <summary>Creates the exception with a message that says what failed and what to do.</summary>
    public KafkaLayerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public KafkaLayerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
