namespace ActorStreams.Cli.Inspection.Model;

/// <summary>The answer of <c>GET /health</c>.</summary>
internal sealed record HealthAnswer
{
    /// <summary><c>up</c>, <c>stopping</c> or <c>faulted</c>.</summary>
    public string? Status { get; init; }

    public string? NodeId { get; init; }
}
