using ActorStreams.Cluster.Partitions;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorStreams.Cluster.Sharding;

/// <summary>Starts the shard region of an entity kind whose shards are Kafka partitions (docs/design.md §2).</summary>
public static class PartitionSharding
{
    /// <summary>
    /// Starts the region of <paramref name="logic"/>'s kind over <paramref name="partitions"/> shards: consumer ids
    /// become <see cref="PartitionConsumer"/>s, every other id the kind's entity (with the <see cref="EntityMailbox"/>); <see cref="EntityStop"/> is the handoff
    /// stop message, and allocation rebalances nothing while a member leaves.
    /// </summary>
    public static IActorRef StartRegion(ActorSystem system, IPartitionLogic logic, int partitions, PartitionServices services)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(logic);
        ArgumentNullException.ThrowIfNull(services);
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system);
        var tuning = settings.TuningParameters;
        var strategy = new LeavingAwareAllocationStrategy(tuning.LeastShardAllocationAbsoluteLimit, tuning.LeastShardAllocationRelativeLimit);
        // The entity mailbox is configured in reference.conf; systems built from other trees (tests, benchmarks) get it here.
        system.Settings.InjectTopLevelFallback(EntityMailbox.DefaultConfig);
        Cached? entityProps = null;
        return sharding.Start(
            logic.Kind,
            entityId => PartitionEntityIds.TryParseConsumer(entityId, out var partition)
                ? PartitionConsumer.Props(logic, partition, services)
                : WithEntityMailbox(logic.EntityProps(entityId), ref entityProps),
            settings,
            new PartitionMessageExtractor(partitions),
            strategy,
            EntityStop.Instance);
    }

    /// <summary><paramref name="props"/> with the <see cref="EntityMailbox"/>, cached for as long as the logic returns the same props.</summary>
    private static Props WithEntityMailbox(Props props, ref Cached? cache)
    {
        // Shards call this from their own threads: the pair is replaced as a whole, never torn.
        if (Volatile.Read(ref cache) is { } known && ReferenceEquals(known.Base, props))
        {
            return known.WithMailbox;
        }

        var created = props.WithMailbox(EntityMailbox.ConfigPath);
        Volatile.Write(ref cache, new Cached(props, created));
        return created;
    }

    private sealed record Cached(Props Base, Props WithMailbox);
}
