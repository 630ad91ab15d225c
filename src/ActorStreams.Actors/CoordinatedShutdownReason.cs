namespace ActorStreams.Actors;

/// <summary>Why a coordinated shutdown was started.</summary>
/// <param name="Name">A short name for logs.</param>
public sealed record CoordinatedShutdownReason(string Name)
{
    /// <summary>No specific reason given.</summary>
    public static CoordinatedShutdownReason Unknown { get; } = new("unknown");

    /// <summary>The process is exiting (SIGTERM, Ctrl-C).</summary>
    public static CoordinatedShutdownReason ProcessExit { get; } = new("process-exit");

    /// <summary>The node leaves its cluster.</summary>
    public static CoordinatedShutdownReason ClusterLeaving { get; } = new("cluster-leaving");

    /// <inheritdoc />
    public override string ToString() => Name;
}
