using System.Globalization;
using System.Text.RegularExpressions;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text exposition format (every sample line well formed, every family typed), the
/// node's counters among them, and they move as the node processes records.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class PrometheusEndpointTests(ITestOutputHelper output) : ClusterTest(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Metrics_WhileProcessing_IsValidExpositionFormatAndItsCountersMove()
    {
        var cluster = CreateCluster();
        var node = await cluster.StartNodeAsync("node-1");
        var topic = cluster.Kafka.Topics.Transactions;

        var before = await ScrapeAsync(cluster, node);
        Assert.Contains("# TYPE actorstreams_entities_active gauge", before.Text, StringComparison.Ordinal);
        Assert.Contains("# TYPE actorstreams_checkpoints_total counter", before.Text, StringComparison.Ordinal);
        Assert.Contains(before.Samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Equal(0, Value(before, "actorstreams_events_consumed_total", $"topic=\"{topic}\"") ?? 0);

        await cluster.ProduceTransactionsAsync(Enumerable.Range(1, 20).ToDictionary(c => (long)c, _ => 3));
        await Eventually.Until(() => node.KafkaMetrics.EventsIn(topic) == 60, Timeout, "the node takes the 60 transactions in");
        await Eventually.Until(() => node.ShardMetrics.Checkpoints > 0, Timeout, "the node writes a checkpoint");

        var after = await ScrapeAsync(cluster, node);
        Assert.Contains("# TYPE actorstreams_events_consumed_total counter", after.Text, StringComparison.Ordinal);
        Assert.Equal(60, Value(after, "actorstreams_events_consumed_total", $"topic=\"{topic}\""));
        Assert.True(Value(after, "actorstreams_entities_active", null) >= 20, after.Text);
        Assert.Equal(1, Value(after, "actorstreams_cluster_members", "status=\"up\""));
        Assert.True(Value(after, "actorstreams_checkpoint_duration_seconds_count", null) >= 1, after.Text);
        Assert.Contains(after.Samples, s => s.Name == "actorstreams_checkpoint_duration_seconds_bucket" && s.Labels.Contains("le=\"0.005\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GrafanaDashboard_EveryMetricItQueries_IsExported()
    {
        var cluster = CreateCluster();
        var node = await cluster.StartNodeAsync("node-1");
        await cluster.ProduceTransactionsAsync(Enumerable.Range(1, 5).ToDictionary(c => (long)c, _ => 2));
        await cluster.ProduceAsync(cluster.Kafka.Topics.Transactions, [("9", "not json")]);
        await Eventually.Until(() => node.KafkaMetrics.EventsIn(cluster.Kafka.Topics.Transactions) == 11, Timeout, "the node takes the transactions in");
        await Eventually.Until(() => node.ShardMetrics.DeadLettered == 1, Timeout, "the node dead-letters the bad one (the dead-letter family's first value)");
        await Eventually.Until(() => node.ShardMetrics.Checkpoints > 0, Timeout, "the node writes a checkpoint (the histogram's first value)");
        var exported = (await ScrapeAsync(cluster, node)).Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        using var dashboard = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(DashboardPath()));
        var queried = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .SelectMany(target => MetricName().Matches(target.GetProperty("expr").GetString()!).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(queried);
        Assert.All(queried, name => Assert.True(exported.Contains(name), $"the dashboard queries {name}, which /metrics does not export"));
    }

    /// <summary>deploy/grafana/actorstreams.json of the repository the tests were built from.</summary>
    private static string DashboardPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "deploy", "grafana", "actorstreams.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("deploy/grafana/actorstreams.json not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b(actorstreams|dotnet)_[a-z_]+\b")]
    private static partial Regex MetricName();

    private static async Task<Scrape> ScrapeAsync(TestCluster cluster, ActorStreamsNode node)
    {
        using var response = await cluster.Http.GetAsync(new Uri($"http://{node.HttpAddress}/metrics"));
        Assert.True(response.IsSuccessStatusCode, $"GET /metrics answered {(int)response.StatusCode}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        var typed = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                typed.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not an exposition-format sample: \"{line}\"");
            var sample = new Sample(match.Groups["name"].Value, match.Groups["labels"].Value, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
            Assert.True(typed.Any(family => sample.Name == family || sample.Name.StartsWith(family + "_", StringComparison.Ordinal)), $"{sample.Name} has no # TYPE line before it");
            samples.Add(sample);
        }

        return new Scrape(text, samples);
    }

    /// <summary>The value of the sample named <paramref name="name"/> whose labels contain <paramref name="label"/> (any, when null).</summary>
    private static double? Value(Scrape scrape, string name, string? label) =>
        scrape.Samples.Where(s => s.Name == name && (label is null || s.Labels.Contains(label, StringComparison.Ordinal))).Select(s => (double?)s.Value).FirstOrDefault();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+]?([0-9.]+([eE][-+]?[0-9]+)?|Inf|NaN))( -?[0-9]+)?$")]
    private static partial Regex SampleLine();

    private sealed record Sample(string Name, string Labels, double Value);

    private sealed record Scrape(string Text, List<Sample> Samples);
}
