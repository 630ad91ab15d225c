namespace ActorStreams.Benchmarks;

/// <summary>The outcome of one case of <c>bench actors</c>.</summary>
/// <param name="Case">The case name, e.g. <c>routing-region</c>.</param>
/// <param name="Group">What runs the case: <c>akka</c> (plain actors), <c>sharding</c> (Akka's shard region) or <c>product</c> (the product's entities).</param>
/// <param name="Description">What the case measures.</param>
/// <param name="Messages">Messages counted per run (actors created for a memory case).</param>
/// <param name="MedianMessagesPerSecond">Median throughput of the measured runs (actors created per second for a memory case).</param>
/// <param name="RunsMessagesPerSecond">Throughput of every measured run.</param>
/// <param name="AllocatedBytesPerMessage">Median bytes allocated by the whole process per counted message (per actor for a memory case) while the clock ran.</param>
/// <param name="BytesPerActor">Median managed-heap growth per idle actor after a full GC (memory cases only).</param>
public sealed record BenchmarkResult(
    string Case,
    string Group,
    string Description,
    long Messages,
    double MedianMessagesPerSecond,
    IReadOnlyList<double> RunsMessagesPerSecond,
    double AllocatedBytesPerMessage,
    double? BytesPerActor);
