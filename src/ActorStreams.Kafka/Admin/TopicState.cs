namespace ActorStreams.Kafka.Admin;

/// <summary>How a configured topic stands in the cluster.</summary>
public enum TopicState
{
    /// <summary>The topic is not in the cluster.</summary>
    Missing,

    /// <summary>The topic was created just now.</summary>
    Created,

    /// <summary>The topic existed already with the configured partition count; it was left as it is.</summary>
    Exists,

    /// <summary>The topic exists with another partition count than the configured one; nothing was changed.</summary>
    WrongPartitionCount,
}
