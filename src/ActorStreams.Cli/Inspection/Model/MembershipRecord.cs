namespace ActorStreams.Cli.Inspection.Model;

/// <summary>A heartbeat of the membership topic (<c>actorstreams-members</c>), keyed by node id.</summary>
internal sealed record MembershipRecord
{
    public string NodeId { get; init; } = "";

    public string? GroupId { get; init; }

    /// <summary>The node's admin API, <c>host:port</c>.</summary>
    public string? HttpEndpoint { get; init; }

    /// <summary><c>up</c> or <c>leaving</c>.</summary>
    public string? Status { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? HeartbeatAt { get; init; }

    public string? Version { get; init; }
}
