namespace ActorStreams.Generator;

/// <summary>
/// How synthetic data is generated (<c>actorstreams.generator</c>): sizes, seed, fraud and churn
/// mix, and event-time pacing. The same settings and seed give byte-identical output for a backfill (rate 0, or
/// an explicit <see cref="Start"/>); a live run (<see cref="IsLive"/>) repeats its customers, amounts and fraud
/// patterns but takes its timestamps from the clock, so timestamps and transaction ids (derived from the start) differ.
/// </summary>
public sealed partial record GeneratorSettings
{
    /// <summary>The defaults of reference.conf.</summary>
    public static GeneratorSettings Default { get; } = new();

    /// <summary>
    /// Event time of the first record of a backfill without an explicit <see cref="Start"/>: 2026-01-01T00:00:00Z.
    /// A fixed instant rather than now, so the same seed and settings give byte-identical output on every run.
    /// Live runs (<see cref="IsLive"/>) start at the clock's current time instead.
    /// </summary>
    public static DateTimeOffset DefaultStart { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seed of every random choice; the same seed and settings give the same records.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Records of the streaming datasets (transactions, activities); reference tables default to their pool size.</summary>
    public long Count { get; init; } = 10_000;

    /// <summary>Customers (ids 1..n): the pool transactions and activities are drawn from, and the size of <c>customer-details</c>.</summary>
    public int Customers { get; init; } = 1_000;

    /// <summary>Offers (ids 1..n) of <c>customer-offers</c>, referenced by activities.</summary>
    public int Offers { get; init; } = 5;

    /// <summary>Merchants in each of the ten merchant categories.</summary>
    public int MerchantsPerCategory { get; init; } = 20;

    /// <summary>Share of transactions and of loan applications that are injected fraud (labelled <c>is_fraud</c>), in [0, 1).</summary>
    public double FraudRatio { get; init; } = 0.02;

    /// <summary>
    /// Records per wall-clock second; 0 produces as fast as possible (a backfill). A positive rate without <see cref="Start"/>
    /// runs live: paced in real time and stamped with the clock's time, so timestamps and transaction ids differ between runs.
    /// </summary>
    public double Rate { get; init; }

    /// <summary>Event-time seconds per wall-clock second when <see cref="Rate"/> is positive (event-time spacing = speedup / rate).</summary>
    public double Speedup { get; init; } = 1;

    /// <summary>
    /// Event time of the first record. Null: <see cref="DefaultStart"/> when <see cref="Rate"/> is 0 (a backfill), or the
    /// clock's current time when the rate is positive (live mode: records paced in real time and stamped with the clock's time).
    /// </summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>
    /// With rate 0, each record advances event time by this interval divided by <see cref="Customers"/>,
    /// so each customer acts about once per interval and the stream still looks like a live one.
    /// Loan applications are rarer: they are 30 times as far apart, so a customer applies about once per 30 intervals.
    /// </summary>
    public TimeSpan MeanCustomerInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The most a record's timestamp lags behind its customer's newest earlier record (out-of-order arrival).</summary>
    public TimeSpan Disorder { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of everyday records whose timestamp is pushed back by up to <see cref="Disorder"/>.</summary>
    public double DisorderRatio { get; init; } = 0.1;

    /// <summary>Share of customers with the high-value profile (larger baskets, more travel).</summary>
    public double HighValueRatio { get; init; } = 0.08;

    /// <summary>Share of customers with the suspicious profile (new devices, half of the injected fraud).</summary>
    public double SuspiciousRatio { get; init; } = 0.02;

    /// <summary>Share of everyday transactions made online (card not present: no coordinates, country or city).</summary>
    public double OnlineRatio { get; init; } = 0.2;

    /// <summary>Share of insurance customers whose propensity to churn drifts upwards until their churn score crosses the threshold.</summary>
    public double ChurnerRatio { get; init; } = 0.15;

    /// <summary>Share of activities that refer to an offer (<c>offer_id</c> present).</summary>
    public double OfferRatio { get; init; } = 0.85;

    /// <summary>The simulated shop of <c>customer-events</c>: period, segments, abrupt churn and re-sent records.</summary>
    public CustomerEventSettings Behaviour { get; init; } = CustomerEventSettings.Default;

    /// <summary>True when records are paced in real time: a positive rate and no explicit start.</summary>
    public bool IsLive => Rate > 0 && Start is null;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        Require(Count >= 0, nameof(Count), Count, "must be ≥ 0");
        Require(Customers is >= 1 and <= 10_000_000, nameof(Customers), Customers, "must be between 1 and 10,000,000");
        Require(Offers is >= 1 and <= 1_000_000, nameof(Offers), Offers, "must be between 1 and 1,000,000");
        Require(MerchantsPerCategory is >= 1 and <= 100_000, nameof(MerchantsPerCategory), MerchantsPerCategory, "must be between 1 and 100,000");
        Require(FraudRatio is >= 0 and < 1, nameof(FraudRatio), FraudRatio, "must be in [0, 1)");
        Require(double.IsFinite(Rate) && Rate >= 0, nameof(Rate), Rate, "must be a finite number ≥ 0");
        Require(double.IsFinite(Speedup) && Speedup > 0, nameof(Speedup), Speedup, "must be a finite number > 0");
        Require(MeanCustomerInterval > TimeSpan.Zero, nameof(MeanCustomerInterval), MeanCustomerInterval, "must be positive");
        Require(Disorder >= TimeSpan.Zero && Disorder <= TimeSpan.FromMinutes(1), nameof(Disorder), Disorder, "must be between 0 and 1 minute");
        Require(DisorderRatio is >= 0 and <= 1, nameof(DisorderRatio), DisorderRatio, "must be in [0, 1]");
        Require(HighValueRatio is >= 0 and <= 1, nameof(HighValueRatio), HighValueRatio, "must be in [0, 1]");
        Require(SuspiciousRatio is >= 0 and <= 1, nameof(SuspiciousRatio), SuspiciousRatio, "must be in [0, 1]");
        Require(HighValueRatio + SuspiciousRatio <= 1, nameof(SuspiciousRatio), SuspiciousRatio, "plus HighValueRatio must be at most 1");
        Require(OnlineRatio is >= 0 and <= 1, nameof(OnlineRatio), OnlineRatio, "must be in [0, 1]");
        Require(ChurnerRatio is >= 0 and <= 1, nameof(ChurnerRatio), ChurnerRatio, "must be in [0, 1]");
        Require(OfferRatio is >= 0 and <= 1, nameof(OfferRatio), OfferRatio, "must be in [0, 1]");
        Behaviour.Validate();
    }

    /// <summary>The event-time gap between consecutive records.</summary>
    internal TimeSpan EventSpacing => Rate > 0
        ? TimeSpan.FromTicks(Math.Max(1, (long)(Speedup / Rate * TimeSpan.TicksPerSecond)))
        : TimeSpan.FromTicks(Math.Max(1, MeanCustomerInterval.Ticks / Customers));

    private static void Require(bool condition, string name, object value, string requirement)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {requirement}");
        }
    }
}
