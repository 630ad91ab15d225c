using ActorStreams.Cluster.Sharding;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cluster.Partitions;

/// <summary>What every entity of a node shares: the partition registry, counters, logging and timeouts.</summary>
public sealed record EntityServices
{
    /// <summary>The node's running partition consumers (their epochs).</summary>
    public required PartitionRegistry Registry { get; init; }

    /// <summary>Node-wide entity and checkpoint counters.</summary>
    public required ShardMetrics Metrics { get; init; }

    /// <summary>The node's logger factory.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>The longest an entity asked to stop waits for its state to be checkpointed (<c>handoff-timeout</c>).</summary>
    public required TimeSpan HandoffTimeout { get; init; }
}
