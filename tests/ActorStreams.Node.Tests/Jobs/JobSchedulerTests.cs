using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ActorStreams.Lake;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Akka.Actor;
using Xunit.Abstractions;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorStreams.Node.Tests.Jobs;

/// <summary>
/// The scheduled jobs as a cluster singleton on two in-process nodes sharing one SQLite store, a lake directory and a
/// warehouse file, with the schedulers' clock driven by hand: each instant runs each job once in the whole cluster, and
/// after the node running the scheduler is killed the other one takes it over with the history and runs the next instant.
/// </summary>
[Trait("Category", "Integration")]
public sealed class JobSchedulerTests(ITestOutputHelper output) : ClusterTest(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstTick = new(2026, 11, 22, 6, 1, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SecondTick = new(2026, 11, 22, 6, 2, 0, TimeSpan.Zero);

    [Fact]
    public async Task Scheduler_TwoNodesThenRunningNodeKilled_EachInstantRunsOnceAndTheOtherNodeTakesOver()
    {
        var home = Directory.CreateTempSubdirectory("actorstreams-jobs-tests-");
        try
        {
            await RunAsync(home.FullName);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Jobs_Off_ApiAnswersDisabledWithoutRuns()
    {
        var cluster = CreateCluster();
        var node = await cluster.StartNodeAsync("node-1");

        var (status, body) = await cluster.GetAsync(node, "/api/jobs");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("scheduler_node").ValueKind);
        Assert.Equal(0, body.GetProperty("runs").GetArrayLength());
    }

    private async Task RunAsync(string home)
    {
        var lake = Path.Combine(home, "lake");
        // 4 VELOCITY alerts (electronics) in the window [06:00, 06:01) the first instant evaluates.
        await WriteAlertsAsync(lake, 0, [.. Enumerable.Range(0, 4).Select(i => Start.AddSeconds(i * 5 - 20))]);
        var clock = new FakeTimeProvider(Start);
        var cluster = CreateCluster(
            ("actorstreams.store.uri", "sqlite:" + Path.Combine(home, "store.db")),
            ("actorstreams.lake.uri", lake),
            ("actorstreams.warehouse.path", Path.Combine(home, "warehouse.duckdb")),
            ("actorstreams.jobs.enabled", "on"),
            ("actorstreams.jobs.hourly.interval", "1h"),
            ("actorstreams.jobs.hourly.at-minute", "1"),
            ("actorstreams.jobs.fraud-monitor.interval", "1m"),
            ("actorstreams.jobs.fraud-monitor.delay", "0s"),
            ("actorstreams.jobs.fraud-monitor.baseline", "1h"),
            ("actorstreams.jobs.fraud-monitor.min-alerts", "3"),
            ("akka.cluster.split-brain-resolver.stable-after", "3s"));
        cluster.JobsTime = clock;
        var node1 = await cluster.StartNodeAsync("node-1");
        var node2 = await cluster.StartNodeAsync("node-2");

        // Both nodes reach the one scheduler (on node-1, the oldest), whose timers wait for 06:01.
        foreach (var node in new[] { node1, node2 })
        {
            await UntilJobsAsync(cluster, node, b => b.GetProperty("scheduler_node").GetString() == "node-1"
                && b.GetProperty("jobs").EnumerateArray().All(j => j.GetProperty("next_run").GetString() == "2026-11-22T06:01:00.000Z"), "scheduler on node-1, next runs at 06:01");
        }

        clock.SetUtcNow(FirstTick);

        var first = await UntilJobsAsync(cluster, node2, b => b.GetProperty("runs").GetArrayLength() == 2, "both jobs ran once");
        var runs = first.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["fraud-monitor", "hourly"], runs.Select(r => r.GetProperty("job").GetString()).Order(StringComparer.Ordinal));
        Assert.All(runs, r =>
        {
            Assert.Equal("node-1", r.GetProperty("node").GetString());
            Assert.Equal("ok", r.GetProperty("outcome").GetString());
            Assert.Equal("2026-11-22T06:01:00.000Z", r.GetProperty("scheduled_for").GetString());
        });
        Assert.Contains("loaded 1 hour(s) (2026-11-22T06)", Run(runs, "hourly").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("2 spike(s)", Run(runs, "fraud-monitor").GetProperty("summary").GetString(), StringComparison.Ordinal);
        var spikes = cluster.ReadTopic(cluster.Kafka.Topics.FraudMonitor);
        Assert.Equal(
            ["2026-11-22T06:00:00.000Z:merchant_category:electronics", "2026-11-22T06:00:00.000Z:rule:VELOCITY"],
            spikes.Select(s => MonitorId(s.Value)).Order(StringComparer.Ordinal));
        Assert.Equal(["VELOCITY", "electronics"], spikes.Select(s => s.Key!).Order(StringComparer.Ordinal));

        // 3 more alerts for the window [06:01, 06:02); then node-1 dies: it stops answering the failure detector and is
        // downed, as the Split Brain Resolver would decide.
        await WriteAlertsAsync(lake, 4, [.. Enumerable.Range(0, 3).Select(i => FirstTick.AddSeconds(10 + i))]);
        var receiver = await node1.System.ActorSelection("/system/cluster/heartbeatReceiver").ResolveOne(TimeSpan.FromSeconds(5));
        node1.System.Stop(receiver);
        AkkaCluster.Get(node1.System).Down(Address.Parse(node1.AkkaAddress));
        AkkaCluster.Get(node2.System).Down(Address.Parse(node1.AkkaAddress));
        await node1.Stopped.WaitAsync(Timeout);

        // node-2 takes the singleton over with the history from the store, and waits for the next instants.
        var takenOver = await UntilJobsAsync(cluster, node2, b => b.GetProperty("scheduler_node").GetString() == "node-2", "scheduler on node-2");
        Assert.Equal(2, takenOver.GetProperty("runs").GetArrayLength());
        Assert.Equal("2026-11-22T06:02:00.000Z", Job(takenOver, "fraud-monitor").GetProperty("next_run").GetString());

        clock.SetUtcNow(SecondTick);

        var second = await UntilJobsAsync(cluster, node2, b => b.GetProperty("runs").GetArrayLength() == 3, "fraud-monitor ran again");
        var monitorRuns = second.GetProperty("runs").EnumerateArray().Where(r => r.GetProperty("job").GetString() == "fraud-monitor").ToList();
        Assert.Equal(
            ["2026-11-22T06:01:00.000Z node-1", "2026-11-22T06:02:00.000Z node-2"],
            monitorRuns.Select(r => $"{r.GetProperty("scheduled_for").GetString()} {r.GetProperty("node").GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal("ok", monitorRuns.Single(r => r.GetProperty("node").GetString() == "node-2").GetProperty("outcome").GetString());
        var all = cluster.ReadTopic(cluster.Kafka.Topics.FraudMonitor).Select(s => MonitorId(s.Value)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "2026-11-22T06:00:00.000Z:merchant_category:electronics", "2026-11-22T06:00:00.000Z:rule:VELOCITY",
                "2026-11-22T06:01:00.000Z:merchant_category:electronics", "2026-11-22T06:01:00.000Z:rule:VELOCITY",
            ],
            all);
    }

    private static async Task<JsonElement> UntilJobsAsync(TestCluster cluster, ActorStreamsNode node, Func<JsonElement, bool> condition, string what)
    {
        var body = default(JsonElement);
        await Eventually.UntilAsync(
            async () =>
            {
                (var status, body) = await cluster.GetAsync(node, "/api/jobs");
                return status == HttpStatusCode.OK && body.GetProperty("enabled").GetBoolean() && condition(body);
            },
            Timeout,
            $"{node.NodeId}'s /api/jobs: {what}");
        return body;
    }

    private static JsonElement Run(List<JsonElement> runs, string job) => runs.Single(r => r.GetProperty("job").GetString() == job);

    private static JsonElement Job(JsonElement body, string job) =>
        body.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("job").GetString() == job);

    private static string MonitorId(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("monitor_id").GetString()!;
    }

    /// <summary>Writes VELOCITY alerts in electronics at <paramref name="times"/> as one lake file, as the lake sink would (offsets from <paramref name="firstOffset"/>).</summary>
    private static async Task WriteAlertsAsync(string lake, long firstOffset, IReadOnlyList<DateTimeOffset> times)
    {
        var dataset = LakeDataset.FraudAlerts;
        var rows = times.Select((t, i) =>
        {
            var at = t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var json = $$"""{"alert_id":"tx-{{firstOffset + i}}:VELOCITY","rule":"VELOCITY","customer_id":{{firstOffset + i}},"transaction_id":"tx-{{firstOffset + i}}","merchant_id":"m-1","merchant_category":"electronics","amount":12.5,"event_time":"{{at}}","detected_at":"{{at}}","severity":"HIGH","details":{"count":5} }""";
            return LakeRow.FromJson(dataset, Encoding.UTF8.GetBytes(json), 0, firstOffset + i);
        }).ToList();
        var path = Path.Combine(lake, LakePaths.DataFileKey(dataset, times[0], "node-1", 0, firstOffset));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, await LakeParquetWriter.WriteAsync(dataset, rows, CancellationToken.None));
    }
}
