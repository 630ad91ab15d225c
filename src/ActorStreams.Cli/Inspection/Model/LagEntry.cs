namespace ActorStreams.Cli.Inspection.Model;

/// <summary>The consumer lag of one topic partition in <see cref="LagView"/>.</summary>
internal sealed record LagEntry
{
    public string Topic { get; init; } = "";

    public int Partition { get; init; }

    public string? Owner { get; init; }

    /// <summary>The next offset the node will read.</summary>
    public long? Position { get; init; }

    /// <summary>The offset below which every record is fully processed.</summary>
    public long? Completed { get; init; }

    public long? EndOffset { get; init; }

    public long? Lag { get; init; }
}
