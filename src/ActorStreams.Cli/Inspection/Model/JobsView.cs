namespace ActorStreams.Cli.Inspection.Model;

/// <summary>The answer of <c>GET /api/jobs</c>.</summary>
internal sealed record JobsView
{
    public bool Enabled { get; init; }

    public string? SchedulerNode { get; init; }

    public IReadOnlyList<JobStatusEntry> Jobs { get; init; } = [];

    /// <summary>Newest first.</summary>
    public IReadOnlyList<JobRunEntry> Runs { get; init; } = [];
}
