namespace ActorStreams.Churn.Internal;

/// <summary>
/// The evaluation figures, computed here rather than by ML.NET so their definitions are the documented ones
/// (docs/design.md §6, Churn model) and the rule proxy is measured the same way. Positive = churned.
/// </summary>
internal static class BinaryMetrics
{
    /// <summary>ROC-AUC by ranks (Mann–Whitney), ties counted half; NaN without both classes.</summary>
    public static double RocAuc(float[] scores, bool[] labels)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double positiveRanks = 0;
        long positives = 0;
        foreach (var (from, to) in TieGroups(order, scores))
        {
            // Ranks from+1..to share their mean.
            var rank = (from + 1 + to) / 2.0;
            for (var k = from; k < to; k++)
            {
                if (labels[order[k]])
                {
                    positiveRanks += rank;
                    positives++;
                }
            }
        }

        var negatives = scores.Length - positives;
        return positives == 0 || negatives == 0
            ? double.NaN
            : (positiveRanks - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Average precision: Σ (R_k − R_{k−1})·P_k over the distinct scores, highest first; NaN without positives.</summary>
    public static double AveragePrecision(float[] scores, bool[] labels)
    {
        var positives = labels.Count(l => l);
        if (positives == 0)
        {
            return double.NaN;
        }

        var order = Descending(scores);
        double average = 0, previousRecall = 0;
        int truePositives = 0, flagged = 0;
        foreach (var (from, to) in TieGroups(order, scores))
        {
            for (var k = from; k < to; k++)
            {
                truePositives += labels[order[k]] ? 1 : 0;
            }

            flagged = to;
            var recall = truePositives / (double)positives;
            average += (recall - previousRecall) * (truePositives / (double)flagged);
            previousRecall = recall;
        }

        return average;
    }

    /// <summary>The threshold t on the scores (flagged: score ≥ t) with the highest F1; among equals, the highest t.</summary>
    public static float BestF1Threshold(float[] scores, bool[] labels)
    {
        var positives = labels.Count(l => l);
        var order = Descending(scores);
        var best = -1.0;
        var threshold = 0.5f;
        var truePositives = 0;
        foreach (var (from, to) in TieGroups(order, scores))
        {
            for (var k = from; k < to; k++)
            {
                truePositives += labels[order[k]] ? 1 : 0;
            }

            var f1 = 2.0 * truePositives / (to + positives);
            if (f1 > best)
            {
                best = f1;
                threshold = scores[order[from]];
            }
        }

        return threshold;
    }

    /// <summary>The confusion matrix: flagged when score ≥ threshold, or &gt; it when <paramref name="strict"/>.</summary>
    public static ConfusionCounts Confusion(float[] scores, bool[] labels, double threshold, bool strict)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var flagged = strict ? scores[i] > threshold : scores[i] >= threshold;
            _ = (flagged, labels[i]) switch
            {
                (true, true) => tp++,
                (true, false) => fp++,
                (false, false) => tn++,
                (false, true) => fn++,
            };
        }

        return new ConfusionCounts(tp, fp, tn, fn);
    }

    /// <summary>Precision, recall and F1 of a confusion matrix (0 where the denominator is 0).</summary>
    public static (double Precision, double Recall, double F1) Rates(ConfusionCounts c)
    {
        double tp = c.TruePositives;
        var precision = tp + c.FalsePositives == 0 ? 0 : tp / (tp + c.FalsePositives);
        var recall = tp + c.FalseNegatives == 0 ? 0 : tp / (tp + c.FalseNegatives);
        var f1 = (2 * tp) + c.FalsePositives + c.FalseNegatives == 0 ? 0 : 2 * tp / ((2 * tp) + c.FalsePositives + c.FalseNegatives);
        return (precision, recall, f1);
    }

    /// <summary>
    /// The churn rate among the ⌈n/10⌉ highest scores (ties by customer id, ascending) over the overall rate; NaN without positives.
    /// </summary>
    public static double LiftTopDecile(float[] scores, bool[] labels, long[] customerIds)
    {
        var positives = labels.Count(l => l);
        if (positives == 0)
        {
            return double.NaN;
        }

        var top = (scores.Length + 9) / 10;
        var inTop = Enumerable.Range(0, scores.Length)
            .OrderByDescending(i => scores[i]).ThenBy(i => customerIds[i])
            .Take(top)
            .Count(i => labels[i]);
        return inTop / (double)top / (positives / (double)scores.Length);
    }

    private static int[] Descending(float[] scores) => [.. Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i])];

    /// <summary>The [from, to) ranges of <paramref name="order"/> with equal scores.</summary>
    private static IEnumerable<(int From, int To)> TieGroups(int[] order, float[] scores)
    {
        for (var i = 0; i < order.Length;)
        {
            var j = i + 1;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                j++;
            }

            yield return (i, j);
            i = j;
        }
    }
}
