namespace ActorStreams.Benchmarks;

/// <summary>What <see cref="ActorBenchmarks.RunAsync"/> runs.</summary>
public sealed record ActorBenchmarkOptions
{
    /// <summary>Comma-separated substrings of case names to run; null or empty runs every case.</summary>
    public string? Filter { get; init; }

    /// <summary>Measured runs per case; the median is reported.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Unmeasured warm-up runs per case.</summary>
    public int WarmupRuns { get; init; } = 1;

    /// <summary>Multiplies message (and idle-actor) counts; 0.1 for a quick run.</summary>
    public double Scale { get; init; } = 1.0;
}
