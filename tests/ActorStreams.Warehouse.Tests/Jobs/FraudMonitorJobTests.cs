using System.Text.Json;
using ActorStreams.Warehouse.Jobs;
using ActorStreams.Warehouse.Lake;
using ActorStreams.Warehouse.Tests.Fixtures;

namespace ActorStreams.Warehouse.Tests.Jobs;

[Trait("Category", "Integration")]
public sealed class FraudMonitorJobTests
{
    // A one-hour baseline of four 15-minute intervals keeps the counts small.
    private static readonly JobsSettings Settings = JobsSettings.Default with { FraudMonitorBaseline = TimeSpan.FromHours(1) };

    private static readonly DateTimeOffset WindowEnd = TestLake.At(6, 15);

    [Fact]
    public async Task Run_CountsAboveFactorTimesBaselineAndMinAlerts_AreSpikesByRuleAndCategory()
    {
        using var lake = new TestLake();
        long offset = 0;
        var rows = new List<FraudAlertRow>();
        void Add(string rule, string category, int baseline, int window)
        {
            // Baseline alerts spread over 05:00-05:59, window alerts over 06:00-06:14.
            for (var i = 0; i < baseline; i++)
            {
                rows.Add(new($"b-{rule}-{i}", rule, 100 + i, category, 50, TestLake.At(5, i * 59 / Math.Max(1, baseline)), 0, offset++));
            }

            for (var i = 0; i < window; i++)
            {
                rows.Add(new($"w-{rule}-{i}", rule, 200 + i, category, 50, TestLake.At(6, i * 14 / Math.Max(1, window)), 0, offset++));
            }
        }

        Add("VELOCITY", "electronics", baseline: 8, window: 7); // 7 > 3 × 2 and >= 5: spike (rule and category)
        Add("HIGH_AMOUNT", "grocery", baseline: 4, window: 4); // 4 > 3 × 1 but below min-alerts
        Add("NEW_DEVICE", "grocery", baseline: 20, window: 10); // 10 < 3 × 5
        // Outside both: before the baseline, at the window's end.
        rows.Add(new("early", "VELOCITY", 1, "electronics", 50, TestLake.At(4, 59), 0, offset++));
        rows.Add(new("late", "VELOCITY", 1, "electronics", 50, TestLake.At(6, 15), 0, offset++));
        lake.WriteFraudAlerts(rows);
        // The same alert again (a replayed output): counted once.
        lake.WriteFraudAlerts([rows.First(r => r.TransactionId == "w-VELOCITY-0") with { Offset = offset }], hour: TestLake.At(6, 0));

        var result = await FraudMonitorJob.RunAsync(new LakeDirectory(lake.Root), Settings, WindowEnd, TestLake.At(6, 17), CancellationToken.None);

        Assert.Equal(TestLake.At(6, 0), result.WindowStart);
        Assert.Equal(
            ["rule VELOCITY 7 2", "rule NEW_DEVICE 10 5", "rule HIGH_AMOUNT 4 1", "merchant_category grocery 14 6", "merchant_category electronics 7 2"],
            result.Counts.OrderBy(c => c.Dimension == "rule" ? 0 : 1).ThenByDescending(c => c.Value, StringComparer.Ordinal).Select(c => $"{c.Dimension} {c.Value} {c.Count} {c.Baseline}"));
        Assert.Equal(["merchant_category:electronics", "rule:VELOCITY"], result.Spikes.Select(s => $"{s.Dimension}:{s.Value}").Order(StringComparer.Ordinal));
        var spike = result.Spikes.Single(s => s.Dimension == "rule");
        Assert.Equal("2026-11-22T06:00:00.000Z:rule:VELOCITY", spike.MonitorId);
        Assert.Equal("VELOCITY", spike.Key);
        Assert.Equal(3.5, spike.Factor);
        using var json = JsonDocument.Parse(spike.ToJsonUtf8());
        var root = json.RootElement;
        Assert.Equal("2026-11-22T06:00:00.000Z:rule:VELOCITY", root.GetProperty("monitor_id").GetString());
        Assert.Equal("2026-11-22T06:00:00.000Z", root.GetProperty("window_start").GetString());
        Assert.Equal("2026-11-22T06:15:00.000Z", root.GetProperty("window_end").GetString());
        Assert.Equal("rule", root.GetProperty("dimension").GetString());
        Assert.Equal(7, root.GetProperty("count").GetInt64());
        Assert.Equal(2.0, root.GetProperty("baseline").GetDouble());
        Assert.Equal(3.5, root.GetProperty("factor").GetDouble());
        Assert.Equal("2026-11-22T06:17:00.000Z", root.GetProperty("detected_at").GetString());
        Assert.Contains("2 spike(s)", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoBaseline_SpikeNeedsOnlyMinAlertsAndHasNullFactor()
    {
        using var lake = new TestLake();
        lake.WriteFraudAlerts(Enumerable.Range(0, 5).Select(i => new FraudAlertRow($"t-{i}", "VELOCITY", i, "travel", 10, TestLake.At(6, i), 0, i)));

        var result = await FraudMonitorJob.RunAsync(new LakeDirectory(lake.Root), Settings, WindowEnd, TestLake.At(6, 17), CancellationToken.None);

        Assert.Equal(2, result.Spikes.Count);
        Assert.All(result.Spikes, s => Assert.Null(s.Factor));
        using var json = JsonDocument.Parse(result.Spikes[0].ToJsonUtf8());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("factor").ValueKind);
    }

    [Fact]
    public async Task Run_EmptyLake_FindsNothing()
    {
        using var lake = new TestLake();

        var result = await FraudMonitorJob.RunAsync(new LakeDirectory(lake.Root), Settings, WindowEnd, TestLake.At(6, 17), CancellationToken.None);

        Assert.Empty(result.Counts);
        Assert.Empty(result.Spikes);
        Assert.Equal(0, result.Files);
    }

    [Theory]
    [InlineData("2026-11-22T06:17:00Z", "2026-11-22T06:15:00Z")]
    [InlineData("2026-11-22T06:16:59Z", "2026-11-22T06:00:00Z")]
    [InlineData("2026-11-22T06:29:59Z", "2026-11-22T06:15:00Z")]
    public void WindowEndFor_RunTime_LastBoundaryAtLeastTheDelayBefore(string at, string expected)
    {
        var end = FraudMonitorJob.WindowEndFor(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), JobsSettings.Default);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), end);
    }
}
