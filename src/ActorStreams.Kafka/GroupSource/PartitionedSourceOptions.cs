using ActorStreams.Kafka.DeadLetters;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Kafka.GroupSource;

/// <summary>Optional collaborators of a <see cref="PartitionedSource"/>.</summary>
public sealed record PartitionedSourceOptions
{
    /// <summary>Store hooks for handoffs; default: none.</summary>
    public SourceHooks Hooks { get; init; } = SourceHooks.None;

    /// <summary>Where counters go; default: a private instance (see <see cref="PartitionedSource.Metrics"/>).</summary>
    public KafkaMetrics? Metrics { get; init; }

    /// <summary>Writer for <see cref="KafkaRecord.DeadLetter"/>; without one, dead-lettering faults the source.</summary>
    public DeadLetterWriter? DeadLetters { get; init; }

    /// <summary>Logger; default: none.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Appended to the settings' client id (e.g. the node id) so brokers can tell members apart.</summary>
    public string? ClientIdSuffix { get; init; }

    /// <summary>Check at start-up that the subscribed co-partitioned topics have equal partition counts (docs/design.md §2).</summary>
    public bool CheckCoPartitioning { get; init; } = true;

    /// <summary>
    /// How long a rebalance waits for every member to rejoin (librdkafka <c>max.poll.interval.ms</c>); null: librdkafka's
    /// default (5 minutes). Bounds how long a member that died mid-rebalance holds the group up.
    /// </summary>
    public TimeSpan? RebalanceTimeout { get; init; }

    /// <summary>Timeout of the start-up metadata request.</summary>
    public TimeSpan MetadataTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
