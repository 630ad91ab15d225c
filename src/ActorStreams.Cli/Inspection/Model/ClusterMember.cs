namespace ActorStreams.Cli.Inspection.Model;

/// <summary>One member of <see cref="ClusterView"/>.</summary>
internal sealed record ClusterMember
{
    public string NodeId { get; init; } = "";

    public string? Address { get; init; }

    /// <summary><c>up</c>, <c>leaving</c> or <c>unreachable</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The customer partitions it owns.</summary>
    public IReadOnlyList<int> Partitions { get; init; } = [];

    public int? Shards { get; init; }

    public long? Entities { get; init; }

    public long? Lag { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public double? UptimeSeconds { get; init; }

    public DateTimeOffset? LastHeartbeat { get; init; }

    public string? Version { get; init; }
}
