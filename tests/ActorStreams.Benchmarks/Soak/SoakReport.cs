using System.Globalization;
using System.Text;
using ActorStreams.Cli.Inspection;

namespace ActorStreams.Benchmarks.Soak;

/// <summary>The text <c>bench soak</c> ends with: the samples (every Nth of a long run) and the verdict.</summary>
internal static class SoakReport
{
    /// <summary>The most sample rows; a longer run shows every Nth sample, the first judged one and the last.</summary>
    public const int MaxRows = 40;

    private const double MiB = 1024 * 1024;

    public static string Format(SoakBenchmarkOptions options, SoakResult result)
    {
        var samples = result.Samples;
        var verdict = result.Verdict;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

        var step = Math.Max(1, (samples.Count + MaxRows - 1) / MaxRows);
        var firstJudged = samples.FirstOrDefault(s => s.Elapsed >= options.Warmup);
        Line($"");
        Line($"samples{(step > 1 ? $" (one in {step} of {samples.Count})" : string.Empty)}; * = warm-up, not judged");
        Line($"{"time",10}  {"heap MiB",9}  {"after GC MiB",12}  {"working set MiB",15}  {"lag",9}  {"records in",12}  {"entities",10}  {"live heap MiB",13}");
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            if (i % step == 0 || i == samples.Count - 1 || ReferenceEquals(s, firstJudged) || s.LiveHeapBytes is not null)
            {
                Line($"{Time(s.Elapsed) + (s.Elapsed < options.Warmup ? " *" : "  "),10}  {s.HeapBytes / MiB,9:#,0}  {s.HeapAfterGcBytes / MiB,12:#,0}  {s.WorkingSetBytes / MiB,15:#,0}  {s.Lag,9:#,0}  {s.EventsIn,12:#,0}  {s.ActiveEntities,10:#,0}  {Live(s),13}");
            }
        }

        var f = result.Final;
        Line($"{"drained",10}  {f.HeapBytes / MiB,9:#,0}  {f.HeapAfterGcBytes / MiB,12:#,0}  {f.WorkingSetBytes / MiB,15:#,0}  {f.Lag,9:#,0}  {f.EventsIn,12:#,0}  {f.ActiveEntities,10:#,0}  {Live(f),13}");
        Line($"");

        var limits = verdict.Thresholds;
        Line($"verdict on the {verdict.Samples} samples from {Formats.Uptime(verdict.From)} to {Formats.Uptime(verdict.To)} (least-squares slopes):");
        var measure = verdict.LiveHeap ? "live heap (after a forced full collection)" : "heap after the last collection";
        Line($"  memory  {measure} {verdict.HeapFrom / MiB:#,0} -> {verdict.HeapTo / MiB:#,0} MiB over {verdict.HeapPoints} samples, {verdict.HeapSlope:+0.00;-0.00} MiB/min (limit {limits.MaxHeapSlope:0.##})");
        Line($"          without collecting: heap after the last collection {verdict.HeapAfterGcSlope:+0.00;-0.00} MiB/min, with garbage {verdict.TotalMemorySlope:+0.00;-0.00} MiB/min; working set {verdict.WorkingSetSlope:+0.00;-0.00} MiB/min");
        Line($"          active entities {verdict.EntitiesFrom:#,0} -> {verdict.EntitiesTo:#,0}");
        var drained = verdict.Ending.DrainedAfter is { } after
            ? string.Create(CultureInfo.InvariantCulture, $"back to 0 {after.TotalSeconds:0.0} s after the generators stopped")
            : verdict.Ending.Interrupted ? "not drained (interrupted)" : string.Create(CultureInfo.InvariantCulture, $"not back to 0 within {Formats.Duration(options.DrainTimeout)}");
        Line($"  lag     {verdict.LagSlope:+#,0;-#,0;0} records/min (limit {limits.MaxLagSlope:#,0}), at most {verdict.MaxLag:#,0} records (limit {limits.MaxLag:#,0}); {drained}");
        Line($"  rate    {verdict.AchievedRate:#,0} transactions/s taken in of {verdict.RequestedRate:#,0.##}/s requested ({(verdict.RequestedRate > 0 ? verdict.AchievedRate / verdict.RequestedRate : 0):0.0 %}; at least {limits.MinRateRatio:0.# %})");
        Line($"          {result.Produced:#,0} records produced in all, {verdict.Ending.RecordsLost:#,0} lost to the dev broker's retention");
        foreach (var note in verdict.Notes)
        {
            Line($"  note: {note}");
        }

        if (verdict.Stable)
        {
            Line($"stable: memory, lag and rate within their limits");
        }
        else
        {
            Line($"NOT STABLE:");
            foreach (var failure in verdict.Failures)
            {
                Line($"  - {failure}");
            }
        }

        return text.ToString();
    }

    private static string Live(SoakSample sample) =>
        sample.LiveHeapBytes is { } bytes ? (bytes / MiB).ToString("#,0", CultureInfo.InvariantCulture) : "-";

    /// <summary>A sample's time to the tenth of a second: <c>0:05.0</c>, <c>12:30.1</c>, <c>1:02:03.4</c>.</summary>
    public static string Time(TimeSpan elapsed) =>
        elapsed.ToString(elapsed >= TimeSpan.FromHours(1) ? @"h\:mm\:ss\.f" : @"m\:ss\.f", CultureInfo.InvariantCulture);
}
