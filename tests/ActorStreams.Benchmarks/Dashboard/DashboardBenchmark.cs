using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorStreams.Node.Admin;
using ActorStreams.Node.Dashboard;

namespace ActorStreams.Benchmarks.Dashboard;

/// <summary>
/// <c>bench dashboard</c>: what the live dashboard costs the node at a given alert rate. Fills a
/// <see cref="DashboardState"/> as a full window of that rate would (fraud alerts spread over the window, churn alerts,
/// merchant windows, enriched activities, scored loan applications), then times reading records in and the
/// once-a-second snapshot (computation and JSON), and reports the snapshot's size: the page receives one snapshot a
/// second whatever the rate.
/// </summary>
internal static class DashboardBenchmark
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Rules = ["HIGH_AMOUNT", "RAPID_FIRE", "VELOCITY", "IMPOSSIBLE_TRAVEL", "NEW_DEVICE"];
    private static readonly string[] Categories = ["travel", "jewelry", "electronics", "home", "clothing", "health", "grocery", "entertainment", "restaurants", "books"];
    private static readonly string[] ActivityTypes = ["web_open", "mobile_open", "new_account", "call_center", "claim_filed"];
    private static readonly string[] Channels = ["web", "mobile", "branch", "partner", "call_center"];

    public static void Run(double alertRate, TimeSpan window, int activities, TextWriter output)
    {
        var state = new DashboardState(window, maxRecords: 1_000_000);
        var seconds = (int)window.TotalSeconds;
        var alerts = (int)(alertRate * seconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dashboard: a full {window.TotalMinutes:0} min window at {alertRate:0.#} fraud alerts/s ({alerts:N0} alerts), {alerts / 10:N0} churn alerts, 1,000 merchants' windows, {activities:N0} enriched activities, 100,000 loan applications"));

        var fraud = Records(alerts, i => Fraud(i, Start.AddSeconds(i * (double)seconds / alerts)));
        var churn = Records(alerts / 10, i => Churn(i, Start.AddSeconds(i * 10.0 * seconds / alerts)));
        var merchants = Records(1_000 * (int)window.TotalMinutes, i => Merchant(i % 1_000, Start.AddMinutes(i / 1_000)));
        var enriched = Records(activities, i => Enriched(i));
        var loans = Records(100_000, i => Loan(i));

        var fraudRate = Time(output, "fraud alerts in", fraud.Count, () => fraud.ForEach(r => state.ApplyFraudAlert(r)));
        Time(output, "churn alerts in", churn.Count, () => churn.ForEach(r => state.ApplyChurnAlert(r)));
        Time(output, "merchant windows in", merchants.Count, () => merchants.ForEach(r => state.ApplyMerchantMetric(r)));
        Time(output, "enriched activities in", enriched.Count, () => enriched.ForEach(r => state.ApplyEnrichedActivity(r)));
        Time(output, "loan applications in", loans.Count, () => loans.ForEach(r => state.ApplyLoanRisk(r)));

        var nodes = new List<NodeRow> { new("node-1", "up", 36, 1_000_000, 0, 7_500, true) };
        var times = new List<double>();
        byte[] json = [];
        for (var i = 0; i < 21; i++)
        {
            var clock = Stopwatch.StartNew();
            var snapshot = state.Snapshot(Start.Add(window), "node-1", i, nodes);
            json = JsonSerializer.SerializeToUtf8Bytes(snapshot, AdminJsonContext.Api.DashboardSnapshot);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  snapshot (computed and written as JSON, once a second): median {times[times.Count / 2]:0.0} ms, max {times[^1]:0.0} ms; {json.Length / 1024.0:0.0} KiB per snapshot"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per second at {alertRate:0.#} alerts/s: reading the alerts {alertRate / fraudRate * 1000:0.00} ms + one snapshot {times[times.Count / 2]:0.0} ms"));
    }

    /// <summary>Runs <paramref name="run"/> once, prints its rate and returns it (records per second).</summary>
    private static double Time(TextWriter output, string what, int count, Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        var rate = count / clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {count:N0} records in {clock.Elapsed.TotalMilliseconds:0} ms ({rate:N0}/s)"));
        return rate;
    }

    private static List<byte[]> Records(int count, Func<int, string> make) => [.. Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes(make(i)))];

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Fraud(int i, DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"alert_id":"tx-{{i}}:{{Rules[i % Rules.Length]}}","rule":"{{Rules[i % Rules.Length]}}","customer_id":{{i % 50_000}},"transaction_id":"tx-{{i}}","merchant_id":"m-{{i % 1_000}}","merchant_category":"{{Categories[i % Categories.Length]}}","amount":{{10 + (i % 5_000)}}.25,"event_time":"{{Iso(at)}}","detected_at":"{{Iso(at.AddMilliseconds(300))}}","severity":"high","details":{ } }""");

    private static string Churn(int i, DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"alert_id":"{{i}}:CHURN_RISK","customer_id":{{i % 50_000}},"activity_id":{{i}},"activity_type":"{{ActivityTypes[i % ActivityTypes.Length]}}","score":0.72,"previous_score":0.68,"threshold":0.7,"event_time":"{{Iso(at)}}","detected_at":"{{Iso(at)}}"}""");

    private static string Merchant(int merchant, DateTimeOffset windowStart) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"metric_id":"m-{{merchant}}:{{Iso(windowStart)}}","merchant_id":"m-{{merchant}}","merchant_category":"{{Categories[merchant % Categories.Length]}}","window_start":"{{Iso(windowStart)}}","window_end":"{{Iso(windowStart.AddMinutes(1))}}","tx_count":7,"total_amount":812.5,"avg_amount":116.07,"max_amount":300,"fraud_alert_count":0,"fraud_labeled_count":0}""");

    private static string Enriched(int i) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"activity_id":{{i}},"customer_id":{{i % 100_000}},"activity_type":"{{ActivityTypes[i % ActivityTypes.Length]}}","propensity_to_churn":0.3,"first_name":"Ann","last_name":"Lee","email":"a@example.com","gender":"{{(i % 2 == 0 ? "Female" : "Male")}}","income":{{20_000 + (i % 100_000 * 3)}},"fico":{{500 + (i % 350)}},"years_active":{{i % 40}},"churn_score":0.31,"event_time":"{{Iso(Start)}}"}""");

    private static string Loan(int i) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"application_id":"app-{{i}}","customer_id":{{i % 50_000}},"channel":"{{Channels[i % Channels.Length]}}","product":"auto","dti":0.3,"lti":2.1,"risk_score":40.5,"risk_level":"{{(i % 3 == 0 ? "HIGH" : "LOW")}}","reasons":[],"event_time":"{{Iso(Start)}}"}""");
}
