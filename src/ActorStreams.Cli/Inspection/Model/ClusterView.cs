namespace ActorStreams.Cli.Inspection.Model;

/// <summary>The answer of <c>GET /api/cluster</c>: the membership view of the answering node.</summary>
internal sealed record ClusterView
{
    public string? GroupId { get; init; }

    /// <summary>The node that answered.</summary>
    public string? Self { get; init; }

    public string? Version { get; init; }

    public int? Count { get; init; }

    public IReadOnlyList<ClusterMember> Members { get; init; } = [];
}
