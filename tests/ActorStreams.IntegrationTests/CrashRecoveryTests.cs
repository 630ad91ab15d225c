using System.Globalization;
using System.Text.RegularExpressions;
using ActorStreams.Elasticsearch;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 6's crash tests: a node process is killed with SIGKILL at random points while it processes generated data,
/// restarted on the same store each time, and its outputs — fraud alerts deduplicated by <c>alert_id</c>, churn alerts,
/// merchant metrics, enriched records and dead letters — must equal the oracle's (that is, an uninterrupted run's)
/// exactly. Replayed copies of one id must be identical.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CrashRecoveryTests(ITestOutputHelper output, PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Partitions = 8;
    private const int Kills = 3;
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public Task Sqlite_CheckpointingContinuouslyAndKilledThreeTimes_OutputsEqualAnUninterruptedRun() =>
        // A checkpoint every 5 ms (or 200 records), never stretched by the budget, keeps a checkpoint in progress most
        // of the time, so kills land in the middle of checkpoint transactions as well as between them.
        RunAndDisposeAsync(seed: 62, store: home => "sqlite:" + Path.Combine(home, "crash.db"),
            ("actorstreams.cluster.checkpoint-interval", "5ms"),
            ("actorstreams.cluster.checkpoint-max-events", "200"),
            ("actorstreams.cluster.checkpoint-budget", "1"));

    [Fact]
    public Task Postgres_KilledThreeTimesAtRandomPoints_OutputsEqualAnUninterruptedRun() =>
        RunAndDisposeAsync(seed: 63, store: _ => postgres.Uri, ("actorstreams.cluster.checkpoint-interval", "100ms"));

    [Fact]
    public async Task Elasticsearch_KilledThreeTimes_EveryOutputRecordIsOneDocumentByIdEqualToItsLatestCopyInKafka()
    {
        // Issue 11: outputs also go to Elasticsearch (the protocol double, slowed down so kills land with documents in
        // flight); replays overwrite by id, so each id is one document, the newest version of the record. This is also the
        // SQLite store killed three times at random points with a checkpoint every 100 ms: RunAsync asserts that the Kafka
        // outputs equal the oracle's before the Elasticsearch documents are compared (a separate run without
        // Elasticsearch proved nothing more and cost a minute of the suite).
        await using var es = new ElasticsearchDouble { Delay = TimeSpan.FromMilliseconds(20) };
        var run = await RunAsync(seed: 64, store: home => "sqlite:" + Path.Combine(home, "crash.db"),
            ("actorstreams.cluster.checkpoint-interval", "100ms"),
            ("actorstreams.elasticsearch.url", es.Url.ToString()),
            ("actorstreams.elasticsearch.flush-interval", "200ms"),
            ("actorstreams.metrics.log-interval", "1s"));
        await using var owned = run;
        await OracleAssert.ElasticsearchHoldsTheLatestRecordsAsync(run, es, SettleTimeout);
        Assert.Equal(ElasticsearchSettings.Default.Outputs.Count, es.TemplateNames.Count);

        // The node's metrics line counts what it indexed, with nothing left in its buffer.
        var last = run.Processes[^1];
        await Eventually.UntilAsync(
            () => Task.FromResult(last.Lines.Any(l => Regex.IsMatch(l, @"elasticsearch indexed=[1-9]\d* retries=\d+ failed=0 buffered=0 "))),
            SettleTimeout,
            "the last node logs its Elasticsearch counters");
    }

    private async Task RunAndDisposeAsync(int seed, Func<string, string> store, params (string Key, string Value)[] extra) =>
        await (await RunAsync(seed, store, extra)).DisposeAsync();

    private async Task<NodeRun> RunAsync(int seed, Func<string, string> store, params (string Key, string Value)[] extra)
    {
        var random = new Random(seed);
        // Big enough that a node takes a few seconds over it on two cores, so the kills land mid-stream.
        var plan = Scenarios.Preloaded(transactions: 60_000, customers: 1_000, activities: 6_000);
        var run = NodeRun.StartBroker(output, Settings(extra));
        await using var cleanup = new KeepOnSuccess(run);
        var storeUri = store(run.Home);
        var kafka = run.Kafka.Topics;
        string[] inputs = [kafka.Transactions, kafka.CustomerActivity, kafka.CustomerDetails];

        await run.ProduceAsync(plan.Phases[0]);
        var total = inputs.Sum(run.Produced);
        var resumedFromCheckpoints = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var node = await run.StartProcessAsync("crash-node", ("actorstreams.store.uri", storeUri));
            var stored = await ShardsStartedAsync(node);
            var start = await node.CompletedAsync(inputs) ?? 0;
            var restored = node.RestoredCustomerShards().Values.Sum(s => s.Offsets);
            resumedFromCheckpoints += restored > 0 ? 1 : 0;

            // Somewhere in what is left (10 % to 80 % of it), once this incarnation has written a checkpoint of its own
            // (unless it finished the input before that).
            var target = start + (long)((total - start) * (0.1 + (random.NextDouble() * 0.7)));
            await Eventually.UntilAsync(
                async () => await node.CompletedAsync(inputs) is { } done && done >= target
                    && (done >= total || (await node.CheckpointedAsync())?.Checkpoints > stored.Checkpoints),
                SettleTimeout,
                $"kill {kill}: the node reaches {target:N0} completed records (resumed at {start:N0})");
            var completed = await node.CompletedAsync(inputs);
            await node.KillAsync();
            run.Log(string.Create(CultureInfo.InvariantCulture,
                $"kill {kill}: resumed from a checkpoint of {restored:N0} input records, killed with {completed:N0} of {total:N0} completed"));
        }

        // A test of recovery that never recovered anything could not fail: the restarts must resume from stored offsets.
        Assert.True(resumedFromCheckpoints >= Kills - 1, $"only {resumedFromCheckpoints} of {Kills} restarts resumed from a checkpoint");

        // The last incarnation runs to the end of the input, then gets the late details (updates and tombstones).
        var last = await run.StartProcessAsync("crash-node", ("actorstreams.store.uri", storeUri));
        await Eventually.UntilAsync(async () => await last.CompletedAsync(inputs) >= total, SettleTimeout, "the restarted node consumes the whole input");
        await run.ProduceAsync(plan.Phases[1]);

        var expected = run.ComputeExpectations();
        var report = await run.CompareOutputsAsync(expected, SettleTimeout);
        Assert.True(report.Equal, "outputs after three crashes differ from the oracle:\n" + report);
        Assert.False(last.Exited.IsCompleted, $"the last node exited: {string.Join('\n', last.Lines.TakeLast(20))}");
        cleanup.Keep = true;
        return run;
    }

    /// <summary>Disposes the run unless the test goes on with it (it then owns it).</summary>
    private sealed class KeepOnSuccess(NodeRun run) : IAsyncDisposable
    {
        public bool Keep { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (!Keep)
            {
                await run.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until the node has started every customer shard (it joined the group, got every partition and logged where each resumes).</summary>
    private static async Task<(int Shards, long Checkpoints)> ShardsStartedAsync(NodeProcess node)
    {
        (int Shards, long Checkpoints)? shards = null;
        await Eventually.UntilAsync(
            async () => node.RestoredCustomerShards().Count == Partitions && (shards = await node.CheckpointedAsync())?.Shards == Partitions,
            TimeSpan.FromSeconds(60),
            $"node {node.NodeId} starts its {Partitions} customer shards");
        return shards!.Value;
    }

    private static List<KeyValuePair<string, string>> Settings((string Key, string Value)[] extra) =>
    [
        new("actorstreams.kafka.partitions", Partitions.ToString(CultureInfo.InvariantCulture)),
        new("actorstreams.cluster.checkpoint-budget", "0.5"),
        // Once the input is consumed every source turns idle and the last open windows are emitted.
        new("actorstreams.merchant.idle-timeout", "3s"),
        new("actorstreams.metrics.log-interval", "0s"),
        .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)),
    ];
}
