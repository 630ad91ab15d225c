using ActorStreams.Churn.Internal;

namespace ActorStreams.Churn.Tests;

[Trait("Category", "Unit")]
public sealed class BinaryMetricsTests
{
    private static readonly float[] Scores = [0.9f, 0.8f, 0.8f, 0.6f, 0.4f, 0.3f, 0.2f, 0.1f, 0.1f, 0.05f];
    private static readonly bool[] Labels = [true, true, false, true, false, false, true, false, false, false];

    [Fact]
    public void RocAuc_WithTies_CountsTiedPairsHalf()
    {
        // 4 positives × 6 negatives = 24 pairs; the positives beat 6, 5.5 (a tie with the 0.8 negative counts half), 5 and 3.
        Assert.Equal(19.5 / 24, BinaryMetrics.RocAuc(Scores, Labels), 12);
        Assert.True(double.IsNaN(BinaryMetrics.RocAuc([0.5f], [true])));
    }

    [Fact]
    public void AveragePrecision_SumsPrecisionAtEachRecallStep()
    {
        // Steps: 0.9 (P 1, R .25), 0.8 tie (P 2/3, R .5), 0.6 (P 3/4, R .75), 0.2 (P 4/7, R 1).
        Assert.Equal(0.25 * (1 + (2.0 / 3) + 0.75 + (4.0 / 7)), BinaryMetrics.AveragePrecision(Scores, Labels), 12);
    }

    [Fact]
    public void BestF1Threshold_PicksTheScoreWithTheHighestF1()
    {
        // Flagging ≥ 0.6 gives TP 3, FP 1, FN 1: F1 0.75, the best.
        Assert.Equal(0.6f, BinaryMetrics.BestF1Threshold(Scores, Labels));
        Assert.Equal(new ConfusionCounts(3, 1, 5, 1), BinaryMetrics.Confusion(Scores, Labels, 0.6f, strict: false));
        Assert.Equal(new ConfusionCounts(2, 1, 5, 2), BinaryMetrics.Confusion(Scores, Labels, 0.6f, strict: true));
        Assert.Equal((0.75, 0.75, 0.75), BinaryMetrics.Rates(new ConfusionCounts(3, 1, 5, 1)));
    }

    [Fact]
    public void LiftTopDecile_IsTheTopTenthsRateOverTheOverallRate()
    {
        // Top ⌈10/10⌉ = 1 customer, churned: rate 1 over 0.4.
        Assert.Equal(2.5, BinaryMetrics.LiftTopDecile(Scores, Labels, [.. Enumerable.Range(1, 10).Select(i => (long)i)]), 12);

        // Tied scores: the lower customer id comes first.
        Assert.Equal(0, BinaryMetrics.LiftTopDecile([0.5f, 0.5f], [false, true], [1, 2]));
    }
}
