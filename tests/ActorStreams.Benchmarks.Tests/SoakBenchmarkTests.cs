using ActorStreams.Benchmarks.Soak;
using ActorStreams.Cli;

namespace ActorStreams.Benchmarks.Tests;

/// <summary>
/// <c>bench soak</c> shortened for CI: the same run as the command's (dev broker, one node, live generators), 20 s at a
/// low rate. It checks the mechanics on real samples, not the speed or the memory trend of so short a run.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SoakBenchmarkTests
{
    private static readonly SoakBenchmarkOptions Options = new()
    {
        Duration = TimeSpan.FromSeconds(20),
        Rate = 500,
        Customers = 1_000,
        Partitions = 4,
        Warmup = TimeSpan.FromSeconds(5),
        SampleInterval = TimeSpan.FromSeconds(1),
        FullGcInterval = TimeSpan.FromSeconds(5),
        DrainTimeout = TimeSpan.FromSeconds(30),
        Home = CliContext.DetectHome(),
    };

    [Fact]
    public async Task RunAsync_ShortRun_TakesEverySampleDrainsAndJudgesTheRealSamples()
    {
        using var output = new StringWriter();

        var result = await SoakBenchmark.RunAsync(Options, output, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        var text = output.ToString();
        var samples = result.Samples;

        // Every sample was taken, in order, none before it was due.
        Assert.Equal(21, Options.ExpectedSamples);
        Assert.Equal(Enumerable.Range(0, Options.ExpectedSamples), samples.Select(s => s.Index));
        Assert.All(samples, s => Assert.True(s.Elapsed >= Options.SampleInterval * s.Index, $"sample {s.Index} taken at {s.Elapsed}, before it was due"));
        Assert.All(samples, s => Assert.True(s.HeapBytes > 0 && s.HeapAfterGcBytes > 0 && s.WorkingSetBytes > 0, text));
        Assert.Equal(samples.Select(s => Options.IsLiveHeapSample(s.Index)), samples.Select(s => s.LiveHeapBytes is > 0));
        Assert.Equal(4, Options.ExpectedLiveHeapSamples);

        // The node kept taking records in during the run, and every customer was an active entity by its end.
        Assert.True(samples[^1].EventsIn > samples[Options.ExpectedSamples / 2].EventsIn, text);
        Assert.True(samples[^1].Transactions > 0, text);
        Assert.True(samples[^1].ActiveEntities >= Options.Customers, text);

        // The lag stayed bounded: it came back to 0 once the generators stopped, with every delivered record taken in,
        // and never approached what the run produced (the node kept up instead of reading everything at the end).
        var verdict = result.Verdict;
        Assert.NotNull(verdict.Ending.DrainedAfter);
        Assert.Equal(0, result.Final.Lag);
        Assert.Equal(result.Produced, result.Final.EventsIn);
        Assert.Equal(0, verdict.Ending.RecordsLost);
        Assert.True(verdict.MaxLag < result.Produced / 2, text);

        // The verdict read exactly the samples after the warm-up, and its slopes are theirs.
        var judged = samples.Where(s => s.Elapsed >= Options.Warmup).ToList();
        Assert.Equal(Options.ExpectedJudgedSamples, verdict.Samples);
        Assert.Equal(judged.Count, verdict.Samples);
        Assert.Equal(judged[0].Elapsed, verdict.From);
        Assert.True(verdict.LiveHeap);
        Assert.Equal(Options.ExpectedLiveHeapSamples, verdict.HeapPoints);
        Assert.Equal(
            SoakAnalysis.Slope([.. judged.Where(s => s.LiveHeapBytes is not null).Select(s => ((s.Elapsed - judged[0].Elapsed).TotalMinutes, s.LiveHeapBytes!.Value / 1024.0 / 1024.0))]),
            verdict.HeapSlope,
            9);
        Assert.Equal(verdict.Failures.Count == 0, verdict.Stable);
        Assert.DoesNotContain(verdict.Failures, f => f.Contains("come back to 0", StringComparison.Ordinal) || f.Contains("dropped", StringComparison.Ordinal));

        // The same samples fail a request the node was never given: the verdict can fail.
        var tenfold = SoakAnalysis.Judge(samples, Options.Warmup, 10 * Options.Rate, SoakThresholds.ForRate(10 * Options.Rate), verdict.Ending);
        Assert.Contains(tenfold.Failures, f => f.Contains("5,000 requested", StringComparison.Ordinal));

        // The report shows every sample (fewer than its row limit) and the verdict.
        Assert.Contains($"verdict on the {verdict.Samples} samples", text, StringComparison.Ordinal);
        Assert.All(samples, s => Assert.Contains(SoakReport.Time(s.Elapsed), text, StringComparison.Ordinal));
        Assert.Contains(verdict.Stable ? "stable: memory, lag and rate within their limits" : "NOT STABLE:", text, StringComparison.Ordinal);
    }
}
