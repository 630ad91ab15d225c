namespace ActorStreams.Benchmarks.Kafka;

/// <summary>What <see cref="KafkaConsumeBenchmark.RunAsync"/> preloads and measures.</summary>
public sealed record KafkaConsumeBenchmarkOptions
{
    /// <summary>Transaction records to preload into the dev broker.</summary>
    public long Events { get; init; } = 1_000_000;

    /// <summary>
    /// Partitions of the benchmark topic. The dev broker keeps 5 MiB per partition (docs/design.md §9): with lz4 a
    /// partition holds roughly 50,000 of these records (40,000 are planned per partition), so 0 (the default) picks enough for <see cref="Events"/>.
    /// </summary>
    public int Partitions { get; init; }

    /// <summary>Seed of the generated records.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Run the kcat baseline (needs Debian's <c>kcat</c> on the PATH).</summary>
    public bool IncludeKcat { get; init; } = true;
}
