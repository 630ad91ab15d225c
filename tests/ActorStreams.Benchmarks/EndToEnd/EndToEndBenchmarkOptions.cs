namespace ActorStreams.Benchmarks.EndToEnd;

/// <summary>Options of <see cref="EndToEndBenchmark"/>.</summary>
public sealed record EndToEndBenchmarkOptions
{
    /// <summary>Transactions to preload and process.</summary>
    public long Events { get; init; } = 1_000_000;

    /// <summary>Distinct customers (entities) in the data.</summary>
    public int Customers { get; init; } = 100_000;

    /// <summary>Partitions of every topic; 0 = enough for the dev broker's 5 MiB per-partition retention.</summary>
    public int Partitions { get; init; }

    /// <summary>The store (<c>memory</c>, <c>sqlite:path</c>, <c>postgres://…</c>).</summary>
    public string Store { get; init; } = "memory";

    /// <summary>Generator seed.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>The installation root (for hocon/application.conf).</summary>
    public string Home { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Extra configuration overrides (key, value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; init; } = [];
}
