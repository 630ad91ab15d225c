namespace ActorStreams.Benchmarks.Soak;

/// <summary>Options of <see cref="SoakBenchmark"/>.</summary>
public sealed record SoakBenchmarkOptions
{
    /// <summary>How long the generators produce and the samples are taken.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Transactions per second (customer activity comes at a quarter of it).</summary>
    public double Rate { get; init; } = 5_000;

    /// <summary>Distinct customers; every one is active from the start (the customer-details preload creates them).</summary>
    public int Customers { get; init; } = 100_000;

    /// <summary>Partitions of every topic.</summary>
    public int Partitions { get; init; } = 12;

    /// <summary>The store (<c>memory</c>, <c>sqlite:path</c>, <c>postgres://…</c>).</summary>
    public string Store { get; init; } = "memory";

    /// <summary>Generator seed.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>The first part of the run, sampled and shown but left out of the verdict (JIT, start-up burst, population build-up).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Time between two samples.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a sample also forces a full compacting collection and records the live heap, the series the memory
    /// verdict reads; null for never (the verdict then reads the heap as the last collection left it, garbage in gen2
    /// included, which swings by hundreds of MiB at a few thousand records per second).
    /// </summary>
    public TimeSpan? FullGcInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What counts as stable; null for <see cref="SoakThresholds.ForRate"/> of <see cref="Rate"/>.</summary>
    public SoakThresholds? Thresholds { get; init; }

    /// <summary>The thresholds the verdict applies.</summary>
    public SoakThresholds EffectiveThresholds => Thresholds ?? SoakThresholds.ForRate(Rate);

    /// <summary>How long the node may take, once the generators stopped, to bring its lag back to 0.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The installation root (for hocon/application.conf).</summary>
    public string Home { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Extra configuration overrides (key, value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; init; } = [];

    /// <summary>The default warm-up of a run of <paramref name="duration"/>: a minute, or a third of a shorter run.</summary>
    public static TimeSpan DefaultWarmup(TimeSpan duration) => duration >= TimeSpan.FromMinutes(3) ? TimeSpan.FromMinutes(1) : duration / 3;

    /// <summary>The sample times <c>0, interval, 2 × interval, …</c> that fall within <see cref="Duration"/>.</summary>
    public int ExpectedSamples => (int)(Duration.Ticks / SampleInterval.Ticks) + 1;

    /// <summary>The expected samples taken at or after the end of <see cref="Warmup"/>: the ones the verdict reads.</summary>
    public int ExpectedJudgedSamples => ExpectedSamples - (int)((Warmup.Ticks + SampleInterval.Ticks - 1) / SampleInterval.Ticks);

    /// <summary>Whether sample <paramref name="index"/> forces a full collection: every <see cref="FullGcInterval"/>, rounded to whole samples.</summary>
    public bool IsLiveHeapSample(int index) =>
        FullGcInterval is { } every && index % Math.Max(1, (int)Math.Round(every / SampleInterval)) == 0;

    /// <summary>The expected samples after the warm-up that measure the live heap (0 without forced collections).</summary>
    public int ExpectedLiveHeapSamples => Enumerable.Range(0, ExpectedSamples).Count(i => IsLiveHeapSample(i) && SampleInterval * i >= Warmup);
}
