namespace ActorStreams.Cli.Inspection.Model;

/// <summary>The answer of <c>GET /api/shards</c>.</summary>
internal sealed record ShardsView
{
    public IReadOnlyList<ShardEntry> Shards { get; init; } = [];

    /// <summary>Members that did not answer, whose shards are missing from <see cref="Shards"/>.</summary>
    public IReadOnlyList<string> Unreachable { get; init; } = [];
}
