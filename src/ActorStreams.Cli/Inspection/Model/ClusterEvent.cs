namespace ActorStreams.Cli.Inspection.Model;

/// <summary>One server-sent event of <c>GET /api/events</c>; which fields are set depends on <see cref="Type"/>.</summary>
internal sealed record ClusterEvent
{
    public string? Type { get; init; }

    /// <summary>The node reporting the event.</summary>
    public string? NodeId { get; init; }

    public DateTimeOffset? At { get; init; }

    /// <summary>The member an event is about (member-up, member-left, member-unreachable).</summary>
    public string? Member { get; init; }

    public string? Address { get; init; }

    public DateTimeOffset? LastHeartbeat { get; init; }

    /// <summary>Topic partitions as <c>topic-partition</c>.</summary>
    public IReadOnlyList<string>? Partitions { get; init; }

    public double? DurationMs { get; init; }
}
