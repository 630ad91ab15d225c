using ActorStreams.Benchmarks.Soak;

namespace ActorStreams.Benchmarks.Tests;

/// <summary>The slopes and the verdict of <c>bench soak</c> on synthetic sample series.</summary>
[Trait("Category", "Unit")]
public sealed class SoakAnalysisTests
{
    private const double MiB = 1024 * 1024;
    private const double Rate = 5_000;
    private static readonly TimeSpan Warmup = TimeSpan.FromMinutes(1);
    private static readonly SoakThresholds Limits = SoakThresholds.ForRate(Rate);
    private static readonly SoakEnding Drained = new(TimeSpan.FromSeconds(1), RecordsLost: 0);

    [Fact]
    public void Slope_StraightLine_IsItsGradient()
    {
        var slope = SoakAnalysis.Slope([.. Enumerable.Range(0, 10).Select(x => ((double)x, 3.0 * x + 7))]);

        Assert.Equal(3.0, slope, 9);
    }

    [Fact]
    public void Slope_NoisyLine_IsCloseToItsGradient()
    {
        var noise = new Random(7);
        var points = Enumerable.Range(0, 200).Select(x => ((double)x, -0.5 * x + 100 + (noise.NextDouble() - 0.5) * 20)).ToList();

        Assert.InRange(SoakAnalysis.Slope(points), -0.55, -0.45);
    }

    [Fact]
    public void Slope_TooFewPointsOrOneX_IsZero()
    {
        Assert.Equal(0, SoakAnalysis.Slope([]));
        Assert.Equal(0, SoakAnalysis.Slope([(1, 5)]));
        Assert.Equal(0, SoakAnalysis.Slope([(2, 5), (2, 9), (2, 1)]));
    }

    [Fact]
    public void Judge_FlatSeries_IsStable()
    {
        var verdict = Judge(Series(heapMiB: _ => 400, lag: _ => 1_000));

        Assert.True(verdict.Stable, string.Join("; ", verdict.Failures));
        Assert.Equal(0, verdict.HeapSlope, 9);
        Assert.Equal(0, verdict.LagSlope, 9);
        Assert.Equal(1_000, verdict.MaxLag);
        Assert.Equal(Rate, verdict.AchievedRate, 6);
        Assert.Equal(109, verdict.Samples);
        Assert.Equal(Warmup, verdict.From);
        Assert.Equal(TimeSpan.FromMinutes(10), verdict.To);
    }

    [Fact]
    public void Judge_HeapGrowing2MiBPerMinute_FailsOnMemory()
    {
        var verdict = Judge(Series(heapMiB: minutes => 400 + 2 * minutes, lag: _ => 1_000));

        Assert.False(verdict.Stable);
        Assert.Equal(2, verdict.HeapSlope, 6);
        var failure = Assert.Single(verdict.Failures);
        Assert.Contains("live heap grew +2.00 MiB/min", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoisyFlatHeapAndLag_IsStable()
    {
        var noise = new Random(11);
        var verdict = Judge(Series(heapMiB: _ => 400 + (noise.NextDouble() - 0.5) * 10, lag: _ => noise.Next(0, 20_000)));

        Assert.True(verdict.Stable, string.Join("; ", verdict.Failures));
        Assert.InRange(verdict.HeapSlope, -Limits.MaxHeapSlope, Limits.MaxHeapSlope);
    }

    [Fact]
    public void Judge_NoisyGrowingHeap_FailsOnMemory()
    {
        var noise = new Random(13);
        var verdict = Judge(Series(heapMiB: minutes => 400 + 3 * minutes + (noise.NextDouble() - 0.5) * 20, lag: _ => 1_000));

        Assert.False(verdict.Stable);
        Assert.InRange(verdict.HeapSlope, 2, 4);
        Assert.Contains(verdict.Failures, f => f.Contains("live heap grew", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_LiveHeapFlatWhileGarbageSwings_JudgesTheLiveHeap()
    {
        // Gen2 garbage piling up between full collections: the heap after the last collection climbs 150 MiB a minute.
        var verdict = Judge(Series(heapMiB: _ => 400, lag: _ => 0, afterGcMiB: minutes => 400 + 150 * (minutes % 2)));

        Assert.True(verdict.Stable, string.Join("; ", verdict.Failures));
        Assert.True(verdict.LiveHeap);
        Assert.Equal(19, verdict.HeapPoints);
        Assert.Equal(0, verdict.HeapSlope, 9);
        Assert.NotEqual(0, verdict.HeapAfterGcSlope);
    }

    [Fact]
    public void Judge_NoLiveHeapSamples_JudgesTheHeapAfterTheLastCollection()
    {
        var verdict = Judge(Series(heapMiB: _ => 400, lag: _ => 0, afterGcMiB: minutes => 400 + 2 * minutes, live: false));

        Assert.False(verdict.LiveHeap);
        Assert.Equal(109, verdict.HeapPoints);
        Assert.Equal(2, verdict.HeapSlope, 6);
        Assert.Contains("managed heap grew +2.00 MiB/min", Assert.Single(verdict.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_GrowthDuringTheWarmupOnly_IsStable()
    {
        var verdict = Judge(Series(heapMiB: minutes => 100 + 300 * Math.Min(minutes, 1), lag: minutes => minutes < 1 ? 200_000 : 500));

        Assert.True(verdict.Stable, string.Join("; ", verdict.Failures));
        Assert.Equal(500, verdict.MaxLag);
    }

    [Fact]
    public void Judge_LagGrowing_FailsOnTheLagTrend()
    {
        // A node 2 % short of the rate: it still takes in 98 % of it (enough), but the lag grows by 6,000 records a minute.
        var verdict = Judge(Series(heapMiB: _ => 400, lag: minutes => (long)(6_000 * Math.Max(0, minutes - 1)), achieved: 0.98 * Rate));

        Assert.Contains(verdict.Failures, f => f.Contains("lag grew +6,000 records/min", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.Failures, f => f.Contains("transactions/s", StringComparison.Ordinal));
        Assert.InRange(verdict.LagSlope, 5_999, 6_001);
    }

    [Fact]
    public void Judge_OneLagSpikeAboveTheMaximum_Fails()
    {
        var verdict = Judge(Series(heapMiB: _ => 400, lag: minutes => Math.Abs(minutes - 5) < 0.01 ? 60_000 : 1_000));

        Assert.Contains(verdict.Failures, f => f.Contains("lag reached 60,000 records", StringComparison.Ordinal));
        Assert.Equal(60_000, verdict.MaxLag);
    }

    [Fact]
    public void Judge_NodeSlowerThanTheRate_FailsOnRate()
    {
        var verdict = Judge(Series(heapMiB: _ => 400, lag: _ => 1_000, achieved: 4_000));

        var failure = Assert.Single(verdict.Failures);
        Assert.Contains("4,000 transactions/s, 80.0 % of the 5,000 requested", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NotDrainedLostOrInterrupted_Fails()
    {
        var samples = Series(heapMiB: _ => 400, lag: _ => 1_000);

        Assert.Contains("did not come back to 0", Assert.Single(Judge(samples, new SoakEnding(null, 0)).Failures), StringComparison.Ordinal);
        Assert.Contains("dropped 12 records", Assert.Single(Judge(samples, Drained with { RecordsLost = 12 }).Failures), StringComparison.Ordinal);
        Assert.Contains("interrupted", Assert.Single(Judge(samples, new SoakEnding(null, 0, Interrupted: true)).Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_TooFewSamplesAfterTheWarmup_Fails()
    {
        var samples = Series(heapMiB: _ => 400, lag: _ => 0).Where(s => s.Elapsed <= Warmup + TimeSpan.FromSeconds(5)).ToList();

        var verdict = Judge(samples);

        Assert.Equal(2, verdict.Samples);
        Assert.Contains("fewer than the 3 a trend needs", Assert.Single(verdict.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_EntitiesStillGrowing_AddsANoteWithoutFailing()
    {
        var verdict = Judge(Series(heapMiB: _ => 400, lag: _ => 0, entities: minutes => (long)(50_000 + 5_000 * minutes)));

        Assert.True(verdict.Stable);
        Assert.Contains("active entities grew from 55,000 to 100,000", Assert.Single(verdict.Notes), StringComparison.Ordinal);
    }

    private static SoakVerdict Judge(IReadOnlyList<SoakSample> samples, SoakEnding? ending = null) =>
        SoakAnalysis.Judge(samples, Warmup, Rate, Limits, ending ?? Drained);

    /// <summary>
    /// Ten minutes sampled every 5 s, the live heap measured every 30 s (unless <paramref name="live"/> is false): heap and
    /// lag as functions of the minutes elapsed, transactions at <paramref name="achieved"/> per second.
    /// </summary>
    private static List<SoakSample> Series(
        Func<double, double> heapMiB,
        Func<double, long> lag,
        double achieved = Rate,
        Func<double, long>? entities = null,
        Func<double, double>? afterGcMiB = null,
        bool live = true) =>
    [
        .. Enumerable.Range(0, 121).Select(i =>
        {
            var elapsed = TimeSpan.FromSeconds(5 * i);
            var minutes = elapsed.TotalMinutes;
            var heap = (long)(heapMiB(minutes) * MiB);
            var afterGc = afterGcMiB is null ? heap : (long)(afterGcMiB(minutes) * MiB);
            var transactions = (long)(achieved * elapsed.TotalSeconds);
            return new SoakSample(
                i, elapsed, afterGc + (long)(100 * MiB), afterGc, heap + (long)(300 * MiB), lag(minutes), transactions * 2, transactions,
                entities?.Invoke(minutes) ?? 100_000, live && i % 6 == 0 ? heap : null);
        }),
    ];
}
