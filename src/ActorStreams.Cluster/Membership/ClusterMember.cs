namespace ActorStreams.Cluster.Membership;

/// <summary>One member of the cluster as this node sees it: Akka's status and reachability, and what it last said about itself.</summary>
/// <param name="AkkaAddress">The member's Akka address.</param>
/// <param name="Status"><c>joining</c>, <c>up</c>, <c>leaving</c>, <c>exiting</c>, <c>down</c> or <c>unreachable</c>.</param>
/// <param name="Info">What it last said about itself, or null when nothing has arrived yet.</param>
/// <param name="LastHeard">When its last <see cref="NodeInfo"/> arrived, or null.</param>
public sealed record ClusterMember(string AkkaAddress, string Status, NodeInfo? Info, DateTimeOffset? LastHeard)
{
    /// <summary>The member's node id, or its Akka address until it has said who it is.</summary>
    public string NodeId => Info?.NodeId ?? AkkaAddress;
}
