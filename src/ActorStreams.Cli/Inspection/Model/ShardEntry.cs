namespace ActorStreams.Cli.Inspection.Model;

/// <summary>One shard (a kind's partition) of <see cref="ShardsView"/>.</summary>
internal sealed record ShardEntry
{
    public string Kind { get; init; } = "";

    public int Partition { get; init; }

    public string? Owner { get; init; }

    public long? ActiveEntities { get; init; }

    public long? CheckpointSequence { get; init; }

    public DateTimeOffset? LastCheckpointAt { get; init; }

    public IReadOnlyDictionary<string, long>? NextOffsets { get; init; }

    public long? InFlight { get; init; }

    public long? Lag { get; init; }
}
