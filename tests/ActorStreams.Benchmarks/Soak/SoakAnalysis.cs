using System.Globalization;

namespace ActorStreams.Benchmarks.Soak;

/// <summary>
/// Turns the samples of a soak run into a <see cref="SoakVerdict"/>: least-squares trends of memory and lag over the
/// samples after the warm-up, the largest lag, and the transaction rate the node kept up with.
/// </summary>
public static class SoakAnalysis
{
    /// <summary>Fewer judged samples than this give no trend worth the name.</summary>
    public const int MinimumSamples = 3;

    /// <summary>Growth of the active entities after the warm-up above which the heap trend is qualified by a note.</summary>
    public const double EntityGrowthNote = 0.05;

    private const double MiB = 1024 * 1024;

    /// <summary>
    /// The least-squares slope of <paramref name="points"/> (y per unit of x); 0 for fewer than two points or when every
    /// x is the same.
    /// </summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return 0;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        double covariance = 0, variance = 0;
        foreach (var (x, y) in points)
        {
            covariance += (x - meanX) * (y - meanY);
            variance += (x - meanX) * (x - meanX);
        }

        return variance > 0 ? covariance / variance : 0;
    }

    /// <summary>Judges the samples taken at or after <paramref name="warmup"/> against <paramref name="thresholds"/>.</summary>
    /// <param name="samples">Every sample of the run, in order.</param>
    /// <param name="warmup">The end of the warm-up: earlier samples are left out.</param>
    /// <param name="requestedRate">Transactions per second asked of the generator.</param>
    /// <param name="thresholds">The limits.</param>
    /// <param name="ending">Whether the lag came back to 0 after the generators stopped, and what was lost or interrupted.</param>
    public static SoakVerdict Judge(IReadOnlyList<SoakSample> samples, TimeSpan warmup, double requestedRate, SoakThresholds thresholds, SoakEnding ending)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(ending);
        var judged = samples.Where(s => s.Elapsed >= warmup).ToList();
        var first = judged.FirstOrDefault();
        var last = judged.LastOrDefault();
        double Trend(IEnumerable<SoakSample> series, Func<SoakSample, double> value) => Slope([.. series.Select(s => ((s.Elapsed - first!.Elapsed).TotalMinutes, value(s)))]);

        // The live heap when the samples measured it: the heap as the last collection left it still holds the garbage
        // promoted to gen2 since the last full collection, hundreds of MiB that come and go.
        var live = judged.Where(s => s.LiveHeapBytes is not null).ToList();
        var memory = live.Count > 0 ? live : judged;
        long Memory(SoakSample s) => s.LiveHeapBytes ?? s.HeapAfterGcBytes;
        var heapSlope = Trend(memory, s => Memory(s) / MiB);
        var lagSlope = Trend(judged, s => s.Lag);
        var maxLag = judged.Count > 0 ? judged.Max(s => s.Lag) : 0;
        var seconds = first is null ? 0 : (last!.Elapsed - first.Elapsed).TotalSeconds;
        var achieved = seconds > 0 ? (last!.Transactions - first!.Transactions) / seconds : 0;

        var failures = new List<string>();
        void Fail(FormattableString text) => failures.Add(text.ToString(CultureInfo.InvariantCulture));
        if (ending.Interrupted)
        {
            Fail($"interrupted after {(samples.Count > 0 ? samples[^1].Elapsed.TotalSeconds : 0):0} s: the run is not complete");
        }

        if (judged.Count < MinimumSamples || memory.Count < MinimumSamples)
        {
            Fail($"{(judged.Count < MinimumSamples ? judged.Count : memory.Count)} {(judged.Count < MinimumSamples ? "samples" : "live-heap samples")} after the warm-up, fewer than the {MinimumSamples} a trend needs");
        }
        else
        {
            if (heapSlope > thresholds.MaxHeapSlope)
            {
                Fail($"the {(live.Count > 0 ? "live heap" : "managed heap")} grew {heapSlope:+0.00;-0.00} MiB/min after the warm-up (limit {thresholds.MaxHeapSlope:0.##})");
            }

            if (lagSlope > thresholds.MaxLagSlope)
            {
                Fail($"the lag grew {lagSlope:+#,0;-#,0} records/min after the warm-up (limit {thresholds.MaxLagSlope:#,0})");
            }

            if (achieved < thresholds.MinRateRatio * requestedRate)
            {
                Fail($"the node took in {achieved:#,0} transactions/s, {achieved / requestedRate:0.0 %} of the {requestedRate:#,0.##} requested (at least {thresholds.MinRateRatio:0.# %})");
            }
        }

        if (maxLag > thresholds.MaxLag)
        {
            Fail($"the lag reached {maxLag:#,0} records after the warm-up (limit {thresholds.MaxLag:#,0})");
        }

        if (ending.DrainedAfter is null && !ending.Interrupted)
        {
            Fail($"the lag did not come back to 0 after the generators stopped");
        }

        if (ending.RecordsLost > 0)
        {
            Fail($"the dev broker dropped {ending.RecordsLost:#,0} records (5 MiB per partition) before the node read them: it fell too far behind");
        }

        var notes = new List<string>();
        if (first is not null && first.ActiveEntities > 0 && (last!.ActiveEntities - first.ActiveEntities) / (double)first.ActiveEntities > EntityGrowthNote)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"active entities grew from {first.ActiveEntities:#,0} to {last.ActiveEntities:#,0} after the warm-up, so the heap trend includes their state: fewer --customers or a longer --warmup let the population settle first"));
        }

        return new SoakVerdict
        {
            Samples = judged.Count,
            From = first?.Elapsed ?? TimeSpan.Zero,
            To = last?.Elapsed ?? TimeSpan.Zero,
            HeapSlope = heapSlope,
            LiveHeap = live.Count > 0,
            HeapPoints = memory.Count,
            HeapFrom = memory.Count > 0 ? Memory(memory[0]) : 0,
            HeapTo = memory.Count > 0 ? Memory(memory[^1]) : 0,
            HeapAfterGcSlope = Trend(judged, s => s.HeapAfterGcBytes / MiB),
            TotalMemorySlope = Trend(judged, s => s.HeapBytes / MiB),
            WorkingSetSlope = Trend(judged, s => s.WorkingSetBytes / MiB),
            LagSlope = lagSlope,
            MaxLag = maxLag,
            EntitiesFrom = first?.ActiveEntities ?? 0,
            EntitiesTo = last?.ActiveEntities ?? 0,
            AchievedRate = achieved,
            RequestedRate = requestedRate,
            Ending = ending,
            Thresholds = thresholds,
            Failures = failures,
            Notes = notes,
        };
    }
}
