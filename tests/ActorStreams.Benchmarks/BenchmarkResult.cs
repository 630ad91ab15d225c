namespace ActorStreams.Benchmarks;

/// <summary>The outcome of one benchmark case.</summary>
/// <param name="Case">The case name, e.g. <c>ping-pong-4x1000</c>.</param>
/// <param name="Description">What the case measures.</param>
/// <param name="Messages">Messages counted per run (idle actors for the memory case).</param>
/// <param name="MedianMessagesPerSecond">Median throughput (actors started per second for the memory case).</param>
/// <param name="RunsMessagesPerSecond">Throughput of every measured run.</param>
/// <param name="BytesPerActor">Median GC-heap bytes per idle actor (memory case only).</param>
/// <param name="AkkaBaseline">Akka.NET 1.5's figure on a comparable machine (msg/s, or bytes per actor).</param>
/// <param name="Target">The required figure (msg/s at least, or bytes per actor at most).</param>
/// <param name="MeetsTarget">Whether the median meets <paramref name="Target"/>.</param>
public sealed record BenchmarkResult(
    string Case,
    string Description,
    long Messages,
    double MedianMessagesPerSecond,
    IReadOnlyList<double> RunsMessagesPerSecond,
    double? BytesPerActor,
    double AkkaBaseline,
    double Target,
    bool MeetsTarget);
