namespace ActorStreams.Cli.Inspection.Model;

/// <summary>One run of <see cref="JobsView"/>.</summary>
internal sealed record JobRunEntry
{
    public string Job { get; init; } = "";

    public DateTimeOffset StartedAt { get; init; }

    public double DurationSeconds { get; init; }

    public string Node { get; init; } = "";

    public string Outcome { get; init; } = "";

    public string Summary { get; init; } = "";

    public string? Error { get; init; }
}
