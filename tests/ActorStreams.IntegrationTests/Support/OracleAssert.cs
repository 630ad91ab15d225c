using System.Globalization;
using System.Text.Json.Nodes;
using ActorStreams.Generator;
using ActorStreams.TestKit;
using ActorStreams.IntegrationTests.Oracle;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>The end-to-end comparison of a one-node run with the oracle, shared by the end-to-end and fault tests.</summary>
internal static class OracleAssert
{
    /// <summary>
    /// Compares every output topic with <paramref name="expected"/> and checks the node's counters: late events, dead
    /// letters, duplicates, and that every record of the customer topics ended processed, dead-lettered or a duplicate.
    /// </summary>
    public static async Task OutputsEqualAsync(NodeRun run, Expectations expected)
    {
        var report = await run.CompareOutputsAsync(expected, TimeSpan.FromSeconds(20));
        var status = run.Node!.Status();
        var failures = new List<string>();
        if (!report.Equal)
        {
            failures.Add("outputs differ from the oracle:\n" + report);
        }

        void Counter(string name, long expectedValue, long actual)
        {
            if (expectedValue != actual)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"counter {name}: expected {expectedValue}, got {actual}"));
            }
        }

        Counter("late transactions (customer windows)", expected.CustomerLateTransactions, status.LateTransactions);
        Counter("late transactions (merchant windows)", expected.MerchantLateTransactions, status.MerchantLateEvents);
        Counter("dead letters", expected.DeadLetters.Count, status.DeadLetters);
        Counter("duplicates", expected.Duplicates, status.Duplicates);

        // Every record of the customer topics ended in exactly one of: processed, dead-lettered, counted duplicate.
        string[] inputs = [GeneratorDatasets.Transactions, GeneratorDatasets.CustomerActivity, GeneratorDatasets.CustomerDetails, GeneratorDatasets.LoanApplications];
        var consumed = inputs.Sum(t => status.EventsIn.GetValueOrDefault(t));
        var deadLettered = inputs.Sum(t => status.DeadLettersByTopic.GetValueOrDefault(t));
        Counter(
            $"records consumed from the customer topics (= processed {status.Processed} + dead-lettered {deadLettered} + duplicates {status.Duplicates})",
            consumed, status.Processed + deadLettered + status.Duplicates);
        Counter("fraud alerts", expected.FraudAlerts.Count, status.FraudAlerts.Values.Sum());
        Counter("merchant metrics", expected.Metrics.Count, status.MerchantMetrics);
        Counter("records lost to retention", 0, status.RecordsLostToRetention);
        Counter("misrouted records", 0, status.MisroutedRecords);
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\nnode: " + NodeRun.Describe(status));
    }

    /// <summary>
    /// Waits until each Elasticsearch output index of <paramref name="es"/> holds one document per id of its Kafka topic,
    /// then checks that each document equals the latest record of its id.
    /// </summary>
    public static async Task ElasticsearchHoldsTheLatestRecordsAsync(NodeRun run, ElasticsearchDouble es, TimeSpan timeout)
    {
        var kafka = run.Kafka.Topics;
        (string Topic, string Index, string IdField)[] outputs =
        [
            (kafka.FraudAlerts, "fraud-alerts", "alert_id"),
            (kafka.ChurnAlerts, "churn-alerts", "alert_id"),
            (kafka.EnrichedActivity, "customer_activity_dashboard", "activity_id"),
            (kafka.MerchantMetrics, "merchant-metrics", "metric_id"),
        ];
        foreach (var (topic, index, idField) in outputs)
        {
            var latest = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var record in run.Read(topic).Records)
            {
                var json = JsonNode.Parse(record.Value!)!;
                latest[json[idField]!.ToJsonString().Trim('"')] = json.ToJsonString();
            }

            Assert.NotEmpty(latest);
            await Eventually.UntilAsync(() => Task.FromResult(es.Documents(index).Count >= latest.Count), timeout,
                $"{index} holds a document for each of the {latest.Count} ids in {topic}");
            var documents = es.Documents(index);
            Assert.Equal(latest.Keys.Order(StringComparer.Ordinal), documents.Keys.Order(StringComparer.Ordinal));
            var differing = latest.Where(l => !JsonNode.DeepEquals(JsonNode.Parse(l.Value), JsonNode.Parse(documents[l.Key]))).Select(l => l.Key).Take(5).ToList();
            Assert.True(differing.Count == 0, $"{index}: documents differ from the latest record in {topic}: {string.Join(", ", differing)}");
        }
    }

    /// <summary>The settings of a one-node run on the dev broker with an in-memory store.</summary>
    public static List<KeyValuePair<string, string>> Overrides(int partitions, string idleTimeout, params (string Key, string Value)[] extra) =>
    [
        new("actorstreams.kafka.partitions", partitions.ToString(CultureInfo.InvariantCulture)),
        new("actorstreams.store.uri", "memory"),
        new("actorstreams.cluster.node-id", "it-node"),
        new("actorstreams.merchant.idle-timeout", idleTimeout),
        new("actorstreams.metrics.log-interval", "0s"),
        new("actorstreams.http.port", "0"),
        .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)),
    ];
}
