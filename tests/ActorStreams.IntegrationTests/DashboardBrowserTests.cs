using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.TestKit;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 14's browser tests: the dashboard at <c>/</c> loaded in headless chromium (Debian's, through Playwright). Against
/// the demo it must render the live panels and keep updating; against a node on preloaded input every panel must have
/// data, and what it shows must be the outputs the oracle expects.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class DashboardBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Panels that fill within seconds of the demo's start (the windowed ones wait for their first window to close).</summary>
    private static readonly string[] LivePanels =
        ["totals", "fraud-by-category", "alerts-by-rule", "latest-alerts", "churn-by-type", "activity-types", "insurance-tiles", "genders", "income-by-gender", "top-customers", "loan-risk", "cluster"];

    private static readonly string[] WindowedPanels = ["tx-per-minute", "avg-amount", "loan-approval"];

    [Fact]
    public async Task Demo_DashboardOpenedInChromium_RendersTheLivePanelsAndKeepsUpdating()
    {
        await using var demo = CliCommand.Start("demo", "--duration", "90s", "--no-ui", "--rate", "300", "--customers", "300");
        string? url = null;
        await Eventually.Until(() => (url = DashboardUrl().Match(demo.Output) is { Success: true } m ? m.Value : null) is not null, Timeout, "the demo prints the dashboard's URL");
        output.WriteLine($"dashboard at {url}");

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(url!);
            await WaitForPanelsAsync(page, LivePanels);
            var updates = await Updates(page);

            // Live: more snapshots arrive over the open event stream without reloading the page.
            await page.WaitForFunctionAsync($"() => Number(document.body.dataset.updates) >= {updates + 2}", null, new() { Timeout = (float)Timeout.TotalMilliseconds });
            Assert.Equal("live", await page.GetAttributeAsync("#dot", "class") is { } dot ? dot.Split(' ')[^1] : null);
            Assert.Contains("demo-1", await page.TextContentAsync("#cluster") ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PreloadedNode_DashboardOpenedInChromium_EveryPanelHasDataAndTheTotalsAreTheOraclesCounts()
    {
        var transactions = Scenarios.Preloaded(transactions: 6_000, customers: 300, activities: 1_500);
        var loans = LoanScenarios.Preloaded(applications: 400, customers: 300);
        await using var run = NodeRun.StartBroker(output, OracleAssert.Overrides(partitions: 4, idleTimeout: "3s",
            ("actorstreams.http.port", "0"),
            // Every event of the preload in the time series, whatever its event-time span.
            ("actorstreams.dashboard.window", "36500d")));
        await run.ProduceAsync([.. transactions.Phases[0], .. loans.Phases[0]]);
        await run.StartNodeAsync();
        var expected = run.ComputeExpectations();
        Assert.True(await run.WaitUntilSettledAsync(Timeout, s => s.MerchantMetrics >= expected.Metrics.Count), "the node did not process the preload");

        // The node has settled: the churn topic holds every alert it will (the dashboard reads them from there too).
        var churn = run.Read(run.Kafka.Topics.ChurnAlerts).Records
            .Select(r => JsonDocument.Parse(r.Value!).RootElement.GetProperty("alert_id").GetString()).Distinct().Count();
        var node = run.Node!;
        using var http = new HttpClient { BaseAddress = new Uri($"http://{node.HttpAddress}/") };
        JsonElement snapshot = default;
        try
        {
            await Eventually.UntilAsync(
            async () =>
            {
                snapshot = await http.GetFromJsonAsync<JsonElement>("dashboard/snapshot");
                var totals = snapshot.GetProperty("totals");
                return totals.GetProperty("fraud_alerts").GetInt64() == expected.FraudAlerts.Count
                    && totals.GetProperty("enriched_activities").GetInt64() == expected.Enriched.Count
                    && totals.GetProperty("merchant_windows").GetInt64() == expected.Metrics.Count
                    && totals.GetProperty("churn_alerts").GetInt64() == churn;
            },
            Timeout,
            $"the dashboard's totals reach the oracle's ({expected.FraudAlerts.Count} fraud alerts, {expected.Enriched.Count} enriched, {expected.Metrics.Count} windows) and the topic's {churn} churn alerts");
        }
        catch (Exception) when (snapshot.ValueKind == JsonValueKind.Object)
        {
            output.WriteLine($"the dashboard's last totals: {snapshot.GetProperty("totals")}");
            throw;
        }

        // Churn alerts: the oracle leaves a few optional (a score exactly at the threshold, in floating point); the
        // dashboard shows each alert of the topic once, which holds every required one.
        Assert.InRange(churn, expected.ChurnAlerts.Values.Count(a => !a.Optional), expected.ChurnAlerts.Count);
        Assert.Equal(churn, snapshot.GetProperty("totals").GetProperty("churn_alerts").GetInt64());

        // Transactions per minute add up to the transactions the oracle's windows hold.
        var perMinute = snapshot.GetProperty("transactions_per_minute").EnumerateArray().Sum(m => m.GetProperty("count").GetInt64());
        Assert.Equal(expected.Metrics.Values.Sum(m => m.TxCount), perMinute);
        var byRule = snapshot.GetProperty("alerts_by_rule").GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64()));
        Assert.Equal(expected.FraudAlerts.Values.GroupBy(a => a.Rule).ToDictionary(g => g.Key, g => (long)g.Count()), byRule);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(http.BaseAddress.ToString());
            await WaitForPanelsAsync(page, [.. LivePanels, .. WindowedPanels]);
            var fraudTile = await page.TextContentAsync("#totals .tile:first-child b");
            Assert.Equal(expected.FraudAlerts.Count.ToString("N0", CultureInfo.InvariantCulture), fraudTile);
            var rows = await page.Locator("#latest-alerts tr").CountAsync();
            Assert.True(rows > 1, "the latest-alerts table has no rows");
            output.WriteLine($"the page drew its last snapshot in {await page.GetAttributeAsync("body", "data-render-ms")} ms");
        }
    }

    /// <summary>Waits until every panel in <paramref name="panels"/> drew at least one data point (its <c>data-points</c>).</summary>
    private async Task WaitForPanelsAsync(IPage page, IReadOnlyList<string> panels)
    {
        var ids = JsonSerializer.Serialize(panels);
        try
        {
            await page.WaitForFunctionAsync(
                $"ids => ids.every(id => Number(document.getElementById(id).dataset.points) > 0)",
                panels,
                new() { Timeout = (float)Timeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            var points = await page.EvalOnSelectorAllAsync<string[]>(".chart", "els => els.map(e => e.id + '=' + e.dataset.points)");
            throw new Xunit.Sdk.XunitException($"panels without data after {Timeout.TotalSeconds:0} s (of {ids}): {string.Join(", ", points)}");
        }
    }

    private static async Task<int> Updates(IPage page) =>
        int.Parse(await page.GetAttributeAsync("body", "data-updates") ?? "0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex DashboardUrl();
}
