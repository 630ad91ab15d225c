namespace ActorStreams.Benchmarks.Soak;

/// <summary>What <see cref="SoakBenchmark"/> measured.</summary>
/// <param name="Samples">Every sample taken while the generators ran, in order.</param>
/// <param name="Verdict">The trends after the warm-up against the thresholds.</param>
/// <param name="Final">A sample taken once the node had drained (or the drain timed out).</param>
/// <param name="Produced">Records the generators delivered to the node's input topics (the customer-details preload included, the offers table not).</param>
public sealed record SoakResult(IReadOnlyList<SoakSample> Samples, SoakVerdict Verdict, SoakSample Final, long Produced);
