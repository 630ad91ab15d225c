using Akka.Cluster;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// The owner a node writes into every ledger checkpoint (docs/design.md §3, Fencing): its Akka address with the uid of
/// this incarnation, so that a restarted node on the same address is a different owner.
/// </summary>
public static class LedgerOwner
{
    /// <summary>The owner string of <paramref name="node"/>.</summary>
    public static string Of(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return $"{node.Address}#{node.Uid}";
    }

    /// <summary>
    /// The member of <paramref name="state"/> that <paramref name="owner"/> names if it still owns shards: joining, up or
    /// leaving (reachable or not); null for exiting, downed and removed members and nodes this view does not know, which
    /// own nothing.
    /// </summary>
    public static Member? FindLiveMember(ClusterEvent.CurrentClusterState state, string owner)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Members.FirstOrDefault(m =>
            m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving
            && string.Equals(Of(m.UniqueAddress), owner, StringComparison.Ordinal));
    }

    /// <summary>True once <paramref name="cluster"/>'s own node is no longer a member that owns shards: downed, exiting, removed, or its cluster shut down.</summary>
    public static bool HasLeft(Akka.Cluster.Cluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.IsTerminated || cluster.SelfMember.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed;
    }
}
