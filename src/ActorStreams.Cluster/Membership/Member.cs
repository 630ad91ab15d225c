namespace ActorStreams.Cluster.Membership;

/// <summary>A member of the cluster as a <see cref="MembershipView"/> sees it now.</summary>
/// <param name="Record">Its latest heartbeat.</param>
/// <param name="Status">Its status: the heartbeat's, or <see cref="MemberStatus.Unreachable"/> after 3 missed heartbeats.</param>
public sealed record Member(MemberRecord Record, MemberStatus Status)
{
    /// <summary>Its node id.</summary>
    public string NodeId => Record.NodeId;

    /// <summary>Its admin API, <c>host:port</c>.</summary>
    public string Address => Record.HttpEndpoint;

    /// <summary>When its latest heartbeat was sent.</summary>
    public DateTimeOffset LastHeartbeat => Record.HeartbeatAt;
}
