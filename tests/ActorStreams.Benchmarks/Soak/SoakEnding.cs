namespace ActorStreams.Benchmarks.Soak;

/// <summary>How a soak run ended, besides its samples.</summary>
/// <param name="DrainedAfter">How long after the generators stopped the node's lag was back to 0; null when it was not within the drain timeout.</param>
/// <param name="RecordsLost">Records the dev broker dropped (5 MiB per partition) before the node read them.</param>
/// <param name="Interrupted">The run was stopped (Ctrl-C, SIGTERM) before its duration.</param>
public sealed record SoakEnding(TimeSpan? DrainedAfter, long RecordsLost, bool Interrupted = false);
