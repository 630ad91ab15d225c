using Akka.Actor;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// Answers another node that recovered a ledger this node wrote last, without releasing it, whether this node still
/// runs that partition (<c>/system/partition-owner</c>, one per node; docs/design.md §3, Fencing). If it does, the
/// asking node is the stale one.
/// </summary>
internal sealed class OwnerQueryResponder : ReceiveActor
{
    /// <summary>The actor's name under <c>/system</c>, the same on every node.</summary>
    public const string Name = "partition-owner";

    public OwnerQueryResponder(PartitionRegistry registry) =>
        Receive<PartitionOwnerQuery>(query => Sender.Tell(new PartitionOwnerAnswer(query.Kind, query.Partition, registry.Holds(query.Kind, query.Partition))));

    public static Props Props(PartitionRegistry registry) => Akka.Actor.Props.Create(() => new OwnerQueryResponder(registry));
}
