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
        var topics = cluster.Kafka.Topics;
        var topic = topics.Transactions;

        var before = await ScrapeAsync(cluster, node);
        Assert.Contains("# TYPE actorstreams_entities_active gauge", before.Text, StringComparison.Ordinal);
        Assert.Contains("# TYPE actorstreams_checkpoints_total counter", before.Text, StringComparison.Ordinal);
        Assert.Contains(before.Samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Equal(0, Value(before, "actorstreams_events_consumed_total", $"topic=\"{topic}\"") ?? 0);
        Assert.DoesNotContain(before.Samples, s => s.Name.StartsWith("actorstreams_elasticsearch_", StringComparison.Ordinal)); // the sink is off

        await cluster.ProduceTransactionsAsync(Enumerable.Range(1, 20).ToDictionary(c => (long)c, _ => 3));
        await cluster.ProduceAsync(topic, [("7", "not json"), ("8", """{"transaction_id":"tx-bad","customer_id":8,"amount":"abc"}""")]);
        await Eventually.Until(() => node.KafkaMetrics.EventsIn(topic) == 62, Timeout, "the node takes the 62 transactions in");
        await Eventually.Until(() => node.KafkaMetrics.ProducedByTopic.GetValueOrDefault(topics.DeadLetter) == 2, Timeout, "the node delivers the two dead letters");
        await Eventually.Until(() => node.ShardMetrics.Checkpoints > 0, Timeout, "the node writes a checkpoint");
        await Eventually.UntilAsync(
            async () => Value(await ScrapeAsync(cluster, node), "actorstreams_processing_latency_seconds_count", $"topic=\"{topic}\"") >= 62,
            Timeout,
            "the 62 transactions reach the end of their pipeline");

        // The merchant partitions read what the customer partitions wrote to the repartition topic, later; and the
        // loan partitions start without records to read: wait for both rather than race them.
        await Eventually.UntilAsync(
            async () => await ScrapeAsync(cluster, node) is var scrape
                && Value(scrape, "actorstreams_processing_latency_seconds_count", $"topic=\"{topics.RepartitionMerchant}\"") > 0
                && scrape.Samples.Where(s => s.Name == "actorstreams_partitions_started_total").Sum(s => s.Value) >= 3 * TestCluster.Partitions,
            Timeout,
            "the merchant partitions process a repartitioned record and every partition has started");

        var producedBefore = node.KafkaMetrics.Produced;
        var after = await ScrapeAsync(cluster, node);
        var producedAfter = node.KafkaMetrics.Produced;
        Assert.Contains("# TYPE actorstreams_events_consumed_total counter", after.Text, StringComparison.Ordinal);
        Assert.Equal(60 + 2, Value(after, "actorstreams_events_consumed_total", $"topic=\"{topic}\""));
        Assert.True(Value(after, "actorstreams_entities_active") >= 20, after.Text);
        Assert.Equal(1, Value(after, "actorstreams_cluster_members", "status=\"up\""));
        Assert.True(Value(after, "actorstreams_checkpoint_duration_seconds_count") >= 1, after.Text);
        Assert.Contains(after.Samples, s => s.Name == "actorstreams_checkpoint_duration_seconds_bucket" && s.Labels.Contains("le=\"0.005\"", StringComparison.Ordinal));

        // Processing latency, per input topic: one measurement per record, in buckets from 1 ms to 60 s, each counting
        // the records at or below its bound; the merchant partitions' input (the repartition topic) has its own.
        var latency = Buckets(after, "actorstreams_processing_latency_seconds_bucket", $"topic=\"{topic}\"");
        Assert.Equal([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, double.PositiveInfinity], latency.Select(b => b.Le));
        Assert.True(latency.Zip(latency.Skip(1)).All(pair => pair.Item1.Count <= pair.Item2.Count), after.Text);
        Assert.Equal(62, latency[^1].Count);
        Assert.Equal(62, Value(after, "actorstreams_processing_latency_seconds_count", $"topic=\"{topic}\""));
        Assert.True(Value(after, "actorstreams_processing_latency_seconds_count", $"topic=\"{topics.RepartitionMerchant}\"") > 0, after.Text);

        // Lag: one series per input partition this node reads.
        Assert.Contains("# TYPE actorstreams_consumer_lag gauge", after.Text, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, TestCluster.Partitions), partition =>
            Assert.True(Value(after, "actorstreams_consumer_lag", $"topic=\"{topic}\"", $"partition=\"{partition}\"") >= 0, $"no lag of {topic}[{partition}]:\n{after.Text}"));

        // Outputs per topic add up to the sink's total delivered, read just before and just after the scrape.
        var produced = after.Samples.Where(s => s.Name == "actorstreams_outputs_produced_total").ToList();
        Assert.InRange(produced.Sum(s => s.Value), producedBefore, producedAfter);
        Assert.Equal(2, Value(after, "actorstreams_outputs_produced_total", $"topic=\"{topics.DeadLetter}\""));
        Assert.True(Value(after, "actorstreams_outputs_produced_total", $"topic=\"{topics.RepartitionMerchant}\"") >= 60, after.Text);

        // Dead letters: per source topic and class of reason.
        Assert.Equal(1, Value(after, "actorstreams_dead_letters_total", $"source_topic=\"{topic}\"", "reason=\"not_json\""));
        Assert.Equal(1, Value(after, "actorstreams_dead_letters_total", $"source_topic=\"{topic}\"", "reason=\"invalid_field\""));

        // Partitions: every customer, merchant and loan partition started here; the stop counters are there from 0.
        Assert.True(after.Samples.Where(s => s.Name == "actorstreams_partitions_started_total").Sum(s => s.Value) >= 3 * TestCluster.Partitions, after.Text);
        Assert.True(Value(after, "actorstreams_partitions_started_total", "kind=\"customer\"") >= TestCluster.Partitions, after.Text);
        Assert.NotNull(Value(after, "actorstreams_partitions_stopped_total", "kind=\"customer\"", "final_checkpoint=\"true\""));
        Assert.NotNull(Value(after, "actorstreams_partitions_stopped_total", "kind=\"customer\"", "final_checkpoint=\"false\""));
        Assert.Equal(0, Value(after, "actorstreams_handoffs_total", "kind=\"customer\""));
    }

    [Fact]
    public async Task Metrics_WithElasticsearch_ExportTheSinksBufferAndTheDocumentsItRejected()
    {
        var es = DisposeAfterCluster(new ElasticsearchDouble());
        es.RejectItems((_, _) => new ItemRejection(400, "mapper_parsing_exception", "failed to parse"));
        var cluster = CreateCluster(("actorstreams.elasticsearch.url", es.Url.ToString()), ("actorstreams.elasticsearch.flush-interval", "50ms"));
        var node = await cluster.StartNodeAsync("node-1");

        // Every activity becomes an enriched-activity record, which the sink indexes.
        await cluster.ProduceAsync(
            cluster.Kafka.Topics.CustomerActivity,
            Enumerable.Range(1, 5).Select(i => (i.ToString(CultureInfo.InvariantCulture),
                $$"""{"activity_id":{{i}},"customer_id":{{i}},"activity_type":"login","propensity_to_churn":0.5,"ip_address":"10.0.0.1"}""")));
        await Eventually.Until(() => node.Indexer!.Metrics.Failed == 5, Timeout, "Elasticsearch rejects the five documents");

        var scrape = await ScrapeAsync(cluster, node);
        Assert.Equal(5, Value(scrape, "actorstreams_elasticsearch_failures_total"));
        Assert.Equal(0, Value(scrape, "actorstreams_elasticsearch_retries_total"));
        Assert.Contains("# TYPE actorstreams_elasticsearch_buffered gauge", scrape.Text, StringComparison.Ordinal);
        Assert.InRange(Value(scrape, "actorstreams_elasticsearch_buffered") ?? -1, 0, 5);
    }

    [Fact]
    public async Task Metrics_WithTheLake_ExportItsFilesRowsAndChunks()
    {
        var lake = DisposeAfterCluster(new TemporaryFolder("actorstreams-metrics-lake-"));
        var cluster = CreateCluster(("actorstreams.lake.uri", lake.Path), ("actorstreams.lake.max-file-age", "1s"));
        var node = await cluster.StartNodeAsync("node-1");
        var before = await ScrapeAsync(cluster, node);
        Assert.Equal(0, Value(before, "actorstreams_lake_rows_total") ?? -1);

        await cluster.ProduceTransactionsAsync(Enumerable.Range(1, 5).ToDictionary(c => (long)c, _ => 2));
        await Eventually.Until(() => node.LakeSink!.Metrics.RowsWritten >= 10, Timeout, "the ten transactions reach lake files");

        var after = await ScrapeAsync(cluster, node);
        Assert.True(Value(after, "actorstreams_lake_rows_total") >= 10, after.Text);
        Assert.True(Value(after, "actorstreams_lake_files_total") >= 1, after.Text);
        Assert.True(Value(after, "actorstreams_lake_chunks_total") >= 1, after.Text);
        Assert.True(Value(after, "actorstreams_lake_bytes_total") > 0, after.Text);
        Assert.Equal(0, Value(after, "actorstreams_lake_rows_rejected_total"));
    }

    [Fact]
    public async Task GrafanaDashboard_EveryMetricItQueries_IsExported()
    {
        // The Elasticsearch sink on (its families exist only then) and a dead letter: every panel has its data.
        var es = DisposeAfterCluster(new ElasticsearchDouble());
        var cluster = CreateCluster(("actorstreams.elasticsearch.url", es.Url.ToString()));
        var node = await cluster.StartNodeAsync("node-1");
        await cluster.ProduceTransactionsAsync(Enumerable.Range(1, 5).ToDictionary(c => (long)c, _ => 2));
        await cluster.ProduceAsync(cluster.Kafka.Topics.Transactions, [("9", "not json")]);
        await Eventually.Until(() => node.KafkaMetrics.EventsIn(cluster.Kafka.Topics.Transactions) == 11, Timeout, "the node takes the transactions in");
        await Eventually.Until(() => node.ShardMetrics.DeadLettered == 1, Timeout, "the node dead-letters the bad one");
        await Eventually.Until(() => node.ShardMetrics.Checkpoints > 0, Timeout, "the node writes a checkpoint (the histogram's first value)");
        await Eventually.UntilAsync(
            async () => Value(await ScrapeAsync(cluster, node), "actorstreams_processing_latency_seconds_count") > 0,
            Timeout,
            "a record reaches the end of its pipeline");
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

    /// <summary>The value of the first sample named <paramref name="name"/> whose labels contain every one of <paramref name="labels"/>, or null.</summary>
    private static double? Value(Scrape scrape, string name, params string[] labels) =>
        scrape.Samples
            .Where(s => s.Name == name && labels.All(label => s.Labels.Contains(label, StringComparison.Ordinal)))
            .Select(s => (double?)s.Value)
            .FirstOrDefault();

    /// <summary>The buckets of histogram samples <paramref name="name"/> with <paramref name="label"/>: upper bound (<c>le</c>) and count, by bound.</summary>
    private static List<(double Le, double Count)> Buckets(Scrape scrape, string name, string label) =>
        [.. scrape.Samples
            .Where(s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal))
            .Select(s => (Le: ParseBound(BucketBound().Match(s.Labels).Groups["le"].Value), Count: s.Value))
            .OrderBy(b => b.Le)];

    private static double ParseBound(string le) => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);

    [GeneratedRegex("le=\"(?<le>[^\"]+)\"")]
    private static partial Regex BucketBound();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+]?([0-9.]+([eE][-+]?[0-9]+)?|Inf|NaN))( -?[0-9]+)?$")]
    private static partial Regex SampleLine();

    private sealed record Sample(string Name, string Labels, double Value);

    private sealed record Scrape(string Text, List<Sample> Samples);
}
