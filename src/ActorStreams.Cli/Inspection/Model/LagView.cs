namespace ActorStreams.Cli.Inspection.Model;

/// <summary>The answer of <c>GET /api/lag</c>.</summary>
internal sealed record LagView
{
    public IReadOnlyList<LagEntry> Partitions { get; init; } = [];

    public long? Total { get; init; }

    public IReadOnlyList<string> Unreachable { get; init; } = [];
}
