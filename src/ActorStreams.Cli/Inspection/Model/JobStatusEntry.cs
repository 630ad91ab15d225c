namespace ActorStreams.Cli.Inspection.Model;

/// <summary>One job of <see cref="JobsView"/>: its next run and whether it runs now.</summary>
internal sealed record JobStatusEntry
{
    public string Job { get; init; } = "";

    public DateTimeOffset? NextRun { get; init; }

    public bool Running { get; init; }
}
