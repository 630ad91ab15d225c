namespace ActorStreams.Benchmarks.Soak;

/// <summary>The limits of a stable soak run, judged on the samples after the warm-up.</summary>
/// <param name="MaxHeapSlope">Most growth of the managed heap (as the last GC left it), MiB per minute.</param>
/// <param name="MaxLagSlope">Most growth of the node's total consumer lag, records per minute.</param>
/// <param name="MaxLag">Most total consumer lag in any sample, records.</param>
/// <param name="MinRateRatio">Least share of the requested transaction rate the node must process (0 to 1).</param>
public sealed record SoakThresholds(double MaxHeapSlope, double MaxLagSlope, long MaxLag, double MinRateRatio)
{
    /// <summary>The default heap limit: 1 MiB per minute, about 1.4 GiB a day.</summary>
    public const double DefaultMaxHeapSlope = 1.0;

    /// <summary>The default rate limit: 95 % of the requested rate.</summary>
    public const double DefaultMinRateRatio = 0.95;

    /// <summary>
    /// The defaults at <paramref name="rate"/> transactions per second: the lag may grow by one second of transactions per
    /// minute (a node short of the rate by 1.7 % grows it that fast) and reach ten seconds of transactions.
    /// </summary>
    public static SoakThresholds ForRate(double rate) =>
        new(DefaultMaxHeapSlope, Math.Ceiling(rate), (long)Math.Ceiling(10 * rate), DefaultMinRateRatio);
}
