namespace ActorStreams.Kafka.Broker;

/// <summary>
/// Error codes the dev broker can return for injected faults: Kafka protocol error codes, plus
/// librdkafka's <see cref="Transport"/> which makes the mock broker drop the connection.
/// </summary>
public enum KafkaProtocolError
{
    /// <summary>librdkafka <c>RD_KAFKA_RESP_ERR__TRANSPORT</c>: the broker disconnects the client.</summary>
    Transport = -195,

    /// <summary>UNKNOWN_TOPIC_OR_PARTITION (retriable).</summary>
    UnknownTopicOrPartition = 3,

    /// <summary>LEADER_NOT_AVAILABLE (retriable).</summary>
    LeaderNotAvailable = 5,

    /// <summary>NOT_LEADER_OR_FOLLOWER (retriable).</summary>
    NotLeaderForPartition = 6,

    /// <summary>REQUEST_TIMED_OUT (retriable).</summary>
    RequestTimedOut = 7,

    /// <summary>NETWORK_EXCEPTION (retriable).</summary>
    NetworkException = 13,

    /// <summary>COORDINATOR_LOAD_IN_PROGRESS (retriable).</summary>
    CoordinatorLoadInProgress = 14,

    /// <summary>COORDINATOR_NOT_AVAILABLE (retriable).</summary>
    CoordinatorNotAvailable = 15,

    /// <summary>NOT_COORDINATOR (retriable).</summary>
    NotCoordinator = 16,

    /// <summary>NOT_ENOUGH_REPLICAS (retriable).</summary>
    NotEnoughReplicas = 19,

    /// <summary>NOT_ENOUGH_REPLICAS_AFTER_APPEND (retriable).</summary>
    NotEnoughReplicasAfterAppend = 20,

    /// <summary>TOPIC_AUTHORIZATION_FAILED (permanent).</summary>
    TopicAuthorizationFailed = 29,

    /// <summary>REBALANCE_IN_PROGRESS.</summary>
    RebalanceInProgress = 27,
}
