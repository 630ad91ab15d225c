using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Persistence.Ledger;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cluster.Partitions;

/// <summary>What every partition consumer of a node shares: settings, the Kafka consumer and producer, counters, clock.</summary>
public sealed record PartitionServices
{
    /// <summary>This node's id (reported as the owner of its partitions).</summary>
    public required string NodeId { get; init; }

    /// <summary>Checkpoint, passivation and handoff settings.</summary>
    public required ClusterSettings Cluster { get; init; }

    /// <summary>Topic names and consumer settings.</summary>
    public required KafkaSettings Kafka { get; init; }

    /// <summary>The node's Kafka consumer.</summary>
    public required KafkaConsumerHost Consumer { get; init; }

    /// <summary>The node's Kafka producer.</summary>
    public required KafkaSink Producer { get; init; }

    /// <summary>How ledgers snapshot.</summary>
    public required LedgerSettings Ledger { get; init; }

    /// <summary>Keeps checkpoint writes within their budget of the store's time.</summary>
    public required CheckpointPacer Pacer { get; init; }

    /// <summary>Entity and checkpoint counters.</summary>
    public required ShardMetrics ShardMetrics { get; init; }

    /// <summary>Kafka counters.</summary>
    public required KafkaMetrics KafkaMetrics { get; init; }

    /// <summary>The node's logger factory.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Wall-clock time.</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>Where outputs go besides Kafka (Elasticsearch), after the Kafka producer stage; none when null.</summary>
    public IRecordWriter? SecondarySink { get; init; }

    /// <summary>Archives each partition's records and outputs (the lake sink); none when null.</summary>
    public IPartitionArchives? Archives { get; init; }

    /// <summary>Told when this node starts or stops consuming a partition (cluster events); none when null.</summary>
    public IPartitionObserver? Observer { get; init; }
}
