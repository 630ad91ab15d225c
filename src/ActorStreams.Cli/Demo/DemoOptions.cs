using System.Globalization;
using ActorStreams.Hocon;

namespace ActorStreams.Cli.Demo;

/// <summary>The demo's flags, validated: what to run, how fast, for how long and how to show it.</summary>
internal sealed record DemoOptions
{
    public const int MaxNodes = 8;

    /// <summary>Stop by itself after this long; null runs until Ctrl-C.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Nodes started in this process (ids demo-1..demo-N), one cluster.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Transactions per second; customer activity runs at a quarter of it.</summary>
    public double Rate { get; init; } = 200;

    /// <summary>
    /// Customers (ids 1..N): customer-details preloaded for each, transactions and activities drawn from them; null for
    /// <see cref="DefaultCustomers"/>.
    /// </summary>
    public int? Customers { get; init; }

    /// <summary>The customers the demo uses: the flag, else <see cref="DefaultCustomers"/>.</summary>
    public int EffectiveCustomers => Customers ?? DefaultCustomers(Rate);

    /// <summary>
    /// True when each customer pays more often than once a minute on average: genuine payments then come close enough
    /// together to fire RAPID_FIRE and VELOCITY, and alerts are no longer mostly the injected fraud.
    /// </summary>
    public bool CustomersTooFewForRate => EffectiveCustomers < MinimumCustomers(Rate);

    /// <summary>Share of transactions that are injected fraud.</summary>
    public double FraudRatio { get; init; } = 0.02;

    /// <summary>Partitions per topic (shards), or null for <c>actorstreams.kafka.partitions</c>.</summary>
    public int? Partitions { get; init; }

    /// <summary>Generator seed, or null for <c>actorstreams.generator.seed</c>.</summary>
    public long? Seed { get; init; }

    /// <summary>State store URI, or null for <c>actorstreams.store.uri</c> (<c>temporary</c> in demo.conf).</summary>
    public string? Store { get; init; }

    /// <summary><c>--elasticsearch</c>: index the outputs into this cluster too; null leaves actorstreams.elasticsearch.url.</summary>
    public string? Elasticsearch { get; init; }

    /// <summary><c>--lake</c>: the lake (a run writes a folder of its own in it); null leaves actorstreams.lake.uri (data/lake in demo.conf).</summary>
    public string? Lake { get; init; }

    /// <summary>The <c>--config</c> file, or null for <c>hocon/demo.conf</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The <c>--set key=value</c> overrides.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; init; } = [];

    /// <summary>A compact progress line every 2 s instead of the live view.</summary>
    public bool NoUi { get; init; }

    /// <summary><c>--churn-model</c>: the churn model the nodes load instead of one trained at start; null trains one.</summary>
    public string? ChurnModel { get; init; }

    /// <summary><c>--no-behaviour</c>: no customer-events backfill and no churn model (nothing generated or trained at start).</summary>
    public bool NoBehaviour { get; init; }

    /// <summary>Customer activity per second: a quarter of the transaction rate.</summary>
    public double ActivityRate => Rate / 4;

    /// <summary>Loan applications per second: a fortieth of the transaction rate.</summary>
    public double LoanRate => Rate / 40;

    /// <summary>
    /// At least 1,000, and enough that each customer pays about every two minutes at <paramref name="rate"/>: 24,000 at
    /// 200/s. The generator spaces a customer's genuine payments a minute apart only when the pool allows it; with half
    /// this pool, measured here, about half of the VELOCITY alerts came from genuine payments, with this one almost none.
    /// </summary>
    public static int DefaultCustomers(double rate) => (int)Math.Min(10_000_000, Math.Max(1_000, Math.Ceiling(120 * rate)));

    /// <summary>Parses <c>--duration</c>: a positive HOCON duration such as <c>30s</c> or <c>2m</c>.</summary>
    /// <exception cref="UsageException">Not a positive duration.</exception>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return HoconDuration.TryParse(text.Trim(), out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new UsageException($"--duration must be a duration like 30s or 2m, got \"{text}\"");
    }

    /// <summary>Checks every value, naming the flag and the value given.</summary>
    /// <exception cref="UsageException">A value is out of range.</exception>
    public DemoOptions Validate()
    {
        if (Nodes is < 1 or > MaxNodes)
        {
            throw new UsageException($"--nodes must be between 1 and {MaxNodes}, got {Format(Nodes)}");
        }

        if (!(double.IsFinite(Rate) && Rate > 0))
        {
            throw new UsageException($"--rate must be positive, got {Format(Rate)}");
        }

        if (Rate > 100_000)
        {
            throw new UsageException($"--rate must be at most 100000 transactions per second, got {Format(Rate)}");
        }

        if (Customers is { } customers && customers is < 1 or > 10_000_000)
        {
            throw new UsageException($"--customers must be between 1 and 10000000, got {Format(customers)}");
        }

        if (!(FraudRatio >= 0 && FraudRatio < 1))
        {
            throw new UsageException($"--fraud-ratio must be between 0 and 1 (excluding 1), got {Format(FraudRatio)}");
        }

        if (Partitions is { } partitions && partitions is < 1 or > 1_000)
        {
            throw new UsageException($"--partitions must be between 1 and 1000, got {Format(partitions)}");
        }

        if (Store is { } store && string.IsNullOrWhiteSpace(store))
        {
            throw new UsageException("--store must be temporary, memory, sqlite:<path> or postgres://user@host:port/db, got an empty value");
        }

        if (ChurnModel is { } model && string.IsNullOrWhiteSpace(model))
        {
            throw new UsageException("--churn-model must name a model zip written by train churn, got an empty value");
        }

        if (ChurnModel is not null && NoBehaviour)
        {
            throw new UsageException("--churn-model and --no-behaviour exclude each other: --no-behaviour runs without a churn model");
        }

        return this;
    }

    private static int MinimumCustomers(double rate) => (int)Math.Min(10_000_000, Math.Ceiling(60 * rate));

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
