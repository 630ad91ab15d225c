using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 13's security defaults: a node process given every kind of secret (Elasticsearch password and URL user info,
/// admin token, librdkafka SASL and SSL passwords) and logging at debug level never writes one of them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SecretsInLogsTests(ITestOutputHelper output)
{
    private const string Secret = "zq-s3cret-";

    [Fact]
    public async Task NodeAtDebugLevel_ProcessingWithEverySecretSet_NeverLogsOne()
    {
        await using var es = new ElasticsearchDouble();
        var url = new UriBuilder(es.Url) { UserName = "elastic", Password = Secret + "url" }.Uri;
        await using var run = NodeRun.StartBroker(output, OracleAssert.Overrides(partitions: 2, idleTimeout: "1s"));
        var plan = Scenarios.Preloaded(transactions: 300, customers: 20, activities: 50);
        await run.ProduceAsync(plan.Phases[0]);

        var node = await run.StartProcessAsync(
            "secret-node",
            ["--verbose"],
            ("actorstreams.elasticsearch.url", url.ToString()),
            ("actorstreams.elasticsearch.username", "elastic"),
            ("actorstreams.elasticsearch.password", Secret + "password"),
            ("actorstreams.elasticsearch.flush-interval", "100ms"),
            ("actorstreams.http.admin-token", Secret + "token"),
            ("actorstreams.kafka.consumer.properties.\"sasl.password\"", Secret + "sasl"),
            ("actorstreams.kafka.producer.properties.\"ssl.key.password\"", Secret + "ssl"),
            ("actorstreams.metrics.log-interval", "500ms"));
        var inputs = new[] { run.Kafka.Topics.Transactions, run.Kafka.Topics.CustomerActivity, run.Kafka.Topics.CustomerDetails };
        var total = plan.Phases[0].Count(r => inputs.Contains(run.Kafka.Topics.Resolve(r.Topic)));
        await Eventually.UntilAsync(async () => await node.CompletedAsync(inputs) >= total, TimeSpan.FromSeconds(90), "the node processes its input");
        await Eventually.Until(() => es.BulkRequests > 0, TimeSpan.FromSeconds(30), "the node indexes outputs");
        await node.TerminateAsync(TimeSpan.FromSeconds(60));

        var lines = node.Lines;
        Assert.True(lines.Count > 50, $"expected a debug log, got {lines.Count} lines");
        Assert.Contains(lines, l => l.Contains("elastic", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(
            l, @"duplicates=\d+ dead_letters=\d+ .* checkpoint_failures=0 ledgers_lost=0 store_outages=0 store=up shards=\d+"));
        var leaks = lines.Where(l => l.Contains(Secret, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, "secrets in the log:\n" + string.Join("\n", leaks));
    }
}
