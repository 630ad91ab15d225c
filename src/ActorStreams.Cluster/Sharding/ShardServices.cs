using ActorStreams.Cluster.Membership;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;
using ActorStreams.Persistence;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cluster.Sharding;

/// <summary>What every shard of a node shares: settings, the producer, the store, the clock, metrics and callbacks.</summary>
public sealed record ShardServices
{
    /// <summary>Cluster settings (checkpoints, passivation).</summary>
    public required ClusterSettings Settings { get; init; }

    /// <summary>Kafka settings (topic names).</summary>
    public required KafkaSettings Kafka { get; init; }

    /// <summary>The node's producer for outputs and dead letters.</summary>
    public required KafkaSink Sink { get; init; }

    /// <summary>The entity state store.</summary>
    public required IStateStore Store { get; init; }

    /// <summary>Wall-clock time (passivation, detected_at, idle detection).</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>Node-wide sharding counters.</summary>
    public required ShardMetrics Metrics { get; init; }

    /// <summary>The node's logger factory.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Called after a shard's checkpoint is written, with its offsets, to commit them to the consumer group (lag tooling).</summary>
    public Func<IReadOnlyList<KafkaPartitionOffset>, Task>? CommitOffsets { get; init; }

    /// <summary>Called when a shard cannot continue (a failed delivery or store write): the node must stop without checkpointing further.</summary>
    public Action<ShardKey, Exception>? OnShardFault { get; init; }

    /// <summary>Stretches checkpoint intervals when writes exceed their budget; null keeps the configured interval.</summary>
    public CheckpointPacer? Pacer { get; init; }

    /// <summary>How many shards of all kinds the node owns now; the passivation limit is split over them.</summary>
    public Func<int>? OwnedShardCount { get; init; }

    /// <summary>Where the region reports its rebalances (<see cref="RebalanceStarted"/>, <see cref="PartitionsRevoked"/>, …); none when null.</summary>
    public ClusterEventBus? Events { get; init; }
}
