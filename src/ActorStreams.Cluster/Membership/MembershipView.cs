namespace ActorStreams.Cluster.Membership;

/// <summary>The cluster's members as this node sees them; replaced as a whole on every change, read from any thread.</summary>
public sealed class MembershipView
{
    private IReadOnlyList<ClusterMember> _members = [];

    /// <summary>The members, sorted by node id.</summary>
    public IReadOnlyList<ClusterMember> Members => Volatile.Read(ref _members);

    /// <summary>The member whose node id is <paramref name="nodeId"/>, if any.</summary>
    public ClusterMember? Find(string nodeId) => Members.FirstOrDefault(m => string.Equals(m.NodeId, nodeId, StringComparison.Ordinal));

    internal void Replace(IEnumerable<ClusterMember> members) =>
        Volatile.Write(ref _members, [.. members.OrderBy(m => m.NodeId, StringComparer.Ordinal)]);
}
