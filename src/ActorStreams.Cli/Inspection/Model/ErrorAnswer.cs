namespace ActorStreams.Cli.Inspection.Model;

/// <summary>The body of every failed admin API request.</summary>
internal sealed record ErrorAnswer
{
    public string? Error { get; init; }
}
