namespace ActorStreams.Benchmarks.Soak;

/// <summary>Options of <see cref="SoakBenchmark"/>.</summary>
public sealed record SoakBenchmarkOptions
{
    /// <summary>How long the generators produce and the samples are taken.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Transactions per second (customer activity comes at a quarter of it).</summary>
    public double Rate { get; init; } = 5_000;

    /// <summary>The default of <see cref="Customers"/>: enough for a realistic spread, few enough for each one's bounded state to fill within the warm-up.</summary>
    public const int DefaultCustomers = 10_000;

    /// <summary>Distinct customers; every one is active from the start (the customer-details preload creates them).</summary>
    public int Customers { get; init; } = DefaultCustomers;

    /// <summary>Partitions of every topic.</summary>
    public int Partitions { get; init; } = 12;

    /// <summary>The store (<c>temporary</c>: a SQLite file deleted after the run; <c>memory</c>, <c>sqlite:path</c>, <c>postgres://…</c>).</summary>
    public string Store { get; init; } = ActorStreams.Persistence.TemporaryStore.Name;

    /// <summary>
    /// Shrink the per-customer state horizons (<see cref="StateBoundSettings"/>) so that every bounded structure is full
    /// before the warm-up ends; false runs with the product's settings, whose structures fill for hours at soak rates.
    /// </summary>
    public bool BoundState { get; init; } = true;

    /// <summary>
    /// What <see cref="BoundState"/> sets (a <c>--set</c> of the same key wins): a customer keeps its fraud window for
    /// lateness + 60 s of event time (5 min + 60 s by default), remembers ids for duplicates among its last 1,000 or 24 h,
    /// and buffers 1,000 activities for enrichment; at soak rates, spread over thousands of customers, those fill for
    /// minutes to hours, which a 10-minute soak would read as growth. Bounded this way they are full after about 65 s of
    /// event time (the 60 s velocity window, which stays), and what still grows after the warm-up is a leak.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> StateBoundSettings { get; } =
    [
        new("actorstreams.rules.allowed-lateness", "5s"),
        new("actorstreams.duplicates.remember-last", "2"),
        new("actorstreams.duplicates.remember-within", "5s"),
        new("actorstreams.churn.enrichment-buffer", "2"),
    ];

    /// <summary>The configuration overrides of the run: <see cref="StateBoundSettings"/> when bounded, then <see cref="Overrides"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EffectiveOverrides => BoundState ? [.. StateBoundSettings, .. Overrides] : Overrides;

    /// <summary>Generator seed.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>The first part of the run, sampled and shown but left out of the verdict (JIT, start-up burst, state filling).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromMinutes(2);

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

    /// <summary>
    /// The default warm-up of a run of <paramref name="duration"/>: two minutes from a 6-minute run (the bounded state,
    /// the longest part of which is the 60 s velocity window, is full by then), one from 3 minutes, else a third.
    /// </summary>
    public static TimeSpan DefaultWarmup(TimeSpan duration) =>
        duration >= TimeSpan.FromMinutes(6) ? TimeSpan.FromMinutes(2)
        : duration >= TimeSpan.FromMinutes(3) ? TimeSpan.FromMinutes(1)
        : duration / 3;

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
