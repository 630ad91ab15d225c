using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 13's Elasticsearch fault on a running node: the cluster (the protocol double) refuses every bulk request for
/// 30 s mid-stream. The node backpressures (a record is done only once it is in Kafka and indexed), then catches up:
/// every output equals the oracle's and every index holds the latest record of each id.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ElasticsearchOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Node_ElasticsearchFailingForThirtySeconds_BackpressuresThenCatchesUpExactly()
    {
        await using var es = new ElasticsearchDouble();
        var plan = Scenarios.Preloaded(transactions: 10_000, customers: 300, activities: 1_500);
        await using var run = NodeRun.StartBroker(output, OracleAssert.Overrides(partitions: 4, idleTimeout: "3s",
            ("actorstreams.elasticsearch.url", es.Url.ToString()),
            ("actorstreams.elasticsearch.flush-interval", "100ms"),
            ("actorstreams.elasticsearch.max-backoff", "2s"),
            ("actorstreams.elasticsearch.max-buffered-documents", "1000")));
        await run.ProduceAsync(plan.Phases[0]);
        await run.StartNodeAsync();
        var node = run.Node!;
        await Eventually.Until(() => es.BulkRequests > 0, SettleTimeout, "the node indexes its first outputs");

        es.FailingWith = 503;
        run.Log($"Elasticsearch down; {node.Status().Produced:N0} outputs delivered");
        await Task.Delay(Outage); // the outage itself, not a synchronisation
        var stalled = node.Status();
        var indexer = node.Indexer!.Metrics;
        run.Log($"after {Outage.TotalSeconds:0} s: {stalled.InFlight:N0} records in flight, {indexer.Buffered:N0} documents buffered, {indexer.Retries:N0} retries");
        es.FailingWith = null;

        Assert.True(es.RefusedBulkRequests > 0, "no bulk request reached the failing cluster");
        Assert.True(indexer.Buffered <= 1000, $"{indexer.Buffered} documents buffered, over max-buffered-documents");
        Assert.True(indexer.Retries > 0, "the node never retried");
        Assert.False(node.Faulted.IsCompleted, "the node faulted during the outage");
        var inputs = new[] { run.Kafka.Topics.Transactions, run.Kafka.Topics.CustomerActivity, run.Kafka.Topics.CustomerDetails };
        Assert.True(inputs.Sum(t => stalled.EventsIn.GetValueOrDefault(t)) < inputs.Sum(run.Produced), "the input was consumed although nothing could be indexed");

        Assert.True(await run.WaitUntilSettledAsync(SettleTimeout), "the node did not catch up after the outage");
        await run.ProduceAsync(plan.Phases[1]);
        var expected = run.ComputeExpectations();
        await run.WaitUntilSettledAsync(SettleTimeout, s => s.MerchantMetrics >= expected.Metrics.Count);
        await OracleAssert.OutputsEqualAsync(run, expected);
        await OracleAssert.ElasticsearchHoldsTheLatestRecordsAsync(run, es, SettleTimeout);
    }
}
