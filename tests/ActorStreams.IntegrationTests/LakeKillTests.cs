using System.Globalization;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.Lake.Tests;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 16's crash test of the lake (docs/lake.md, Exactly once): a node process writing the lake (<c>--lake</c>,
/// files closed every second, a checkpoint every 200 ms) is killed with SIGKILL while files and chunks are being
/// written, restarted on the same store, and stopped gracefully once it has consumed everything. Read with DuckDB,
/// the lake then holds every valid transaction of the topic exactly once, the oracle's fraud alerts and the customer
/// partitions' dead letters exactly once each, no chunk, and <c>warehouse load</c> passes every data-quality check.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LakeKillTests(ITestOutputHelper output)
{
    private const int Partitions = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Lake_NodeKilledWhileWritingFiles_EveryRowOnceAfterTheRestart()
    {
        var plan = Scenarios.Preloaded(transactions: 30_000, customers: 600, activities: 3_000);
        await using var run = NodeRun.StartBroker(output, Settings());
        var lake = Path.Combine(run.Home, "lake");
        var store = ("actorstreams.store.uri", "sqlite:" + Path.Combine(run.Home, "lake-kill.db"));
        var topics = run.Kafka.Topics;
        string[] inputs = [topics.Transactions, topics.CustomerActivity, topics.CustomerDetails];
        var all = plan.Phases[0];

        // The first half, until files of it are in the lake (closed by age, written after their checkpoint)...
        await run.ProduceAsync([.. all.Take(all.Count / 2)]);
        var half = inputs.Sum(run.Produced);
        var first = await run.StartProcessAsync("lake-node", ["--lake", lake], store);
        await Eventually.UntilAsync(
            async () => await first.CompletedAsync(inputs) >= half && DataFiles(lake, "transactions") > 0,
            Timeout,
            "the node completes the first half and writes transaction files");

        // ...then the second half as a backlog, killed a fifth of the way into it: files close every second and a
        // checkpoint goes every 200 ms, so chunks are being put and files written when the kill lands.
        await run.ProduceAsync([.. all.Skip(all.Count / 2)]);
        var total = inputs.Sum(run.Produced);
        long? completed = null;
        await Eventually.UntilAsync(
            async () => (completed = await first.CompletedAsync(inputs)) >= half + ((total - half) / 5) && Chunks(lake) > 0,
            Timeout,
            "the node completes a fifth of the second half, with chunks in the lake");
        var files = DataFiles(lake, "transactions");
        var chunks = Chunks(lake);
        await first.KillAsync();
        run.Log(string.Create(CultureInfo.InvariantCulture, $"killed with {completed:N0} of {total:N0} input records completed, {files} transaction files, {chunks} chunks"));
        Assert.True(completed < total, $"the node completed the whole input ({total:N0}) before the kill: make the input bigger");

        var second = await run.StartProcessAsync("lake-node", ["--lake", lake], store);
        await Eventually.UntilAsync(async () => await second.CompletedAsync(inputs) >= total, Timeout, "the restarted node consumes the whole input");
        Assert.True(second.RestoredCustomerShards().Values.Any(s => s.Offsets > 0), "the restart resumed from no checkpoint: the test proves nothing");
        var expected = run.ComputeExpectations();
        var transactions = run.Read(topics.Transactions).Records;
        // The customer partitions' dead letters (the offers are a global table every node reads, outside the partitions).
        var deadLetters = expected.DeadLetters.Keys.Where(k => inputs.Any(t => k.StartsWith(t + "[", StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);
        var validTransactions = transactions.Where(r => !deadLetters.Contains(r.Coordinates)).ToList();
        // Files close a second after their first row; should rows be missing, the comparisons below name them.
        var held = await Eventually.HoldsWithin(() => Count(lake, "transactions") >= validTransactions.Count, TimeSpan.FromSeconds(30));
        run.Log($"the lake holds {Count(lake, "transactions"):N0} transaction rows{(held ? string.Empty : " (no more came within 30 s)")}, the topic {validTransactions.Count:N0} valid transactions");

        // A graceful stop closes the open files with the final checkpoints and writes them.
        Assert.Equal(0, await second.TerminateAsync(Timeout));
        Assert.Equal(0, Chunks(lake));
        Assert.Empty(Directory.EnumerateFiles(lake, ".lake-tmp-*", SearchOption.AllDirectories)); // what the kill's puts left is gone

        // Every valid transaction once, at its offset.
        var lakeTransactions = Query(lake, "transactions", "kafka_partition || '@' || kafka_offset || ' ' || transaction_id");
        Assert.Equal(
            validTransactions.Select(r => $"{r.Partition}@{r.Offset} {TransactionId(r)}").Order(StringComparer.Ordinal),
            lakeTransactions.Order(StringComparer.Ordinal));

        // The oracle's fraud alerts once each (the topic may hold replayed copies; the lake must not), and the duplicates it counts.
        Assert.Equal(expected.FraudAlerts.Keys.Order(StringComparer.Ordinal), Query(lake, "fraud_alerts", "alert_id").Order(StringComparer.Ordinal));
        Assert.Equal(
            deadLetters.Order(StringComparer.Ordinal),
            Query(lake, "dead_letters", "source_topic || '[' || \"partition\" || ']@' || \"offset\"").Order(StringComparer.Ordinal));
        var duplicates = Query(lake, "transactions", "duplicate").Concat(Query(lake, "customer_activity", "duplicate")).Count(d => d == "true");
        Assert.Equal(expected.Duplicates, duplicates);

        // The warehouse's data-quality checks (offsets contiguous and distinct with the dead letters, keys, amounts, hours) pass.
        var (exitCode, printed) = await CliCommand.RunAsync(Timeout, "warehouse", "load", "--lake", lake, "--warehouse", Path.Combine(run.Home, "warehouse.duckdb"));
        run.Log("warehouse load:\n" + printed);
        Assert.True(exitCode == 0, $"warehouse load exited with {exitCode}:\n{printed}");
    }

    private static List<KeyValuePair<string, string>> Settings() =>
    [
        new("actorstreams.kafka.partitions", Partitions.ToString(CultureInfo.InvariantCulture)),
        new("actorstreams.cluster.checkpoint-interval", "200ms"),
        new("actorstreams.lake.max-file-age", "1s"),
        new("actorstreams.merchant.idle-timeout", "3s"),
        new("actorstreams.metrics.log-interval", "0s"),
    ];

    private static string TransactionId(TopicRecord record)
    {
        using var json = System.Text.Json.JsonDocument.Parse(record.Value!);
        return json.RootElement.GetProperty("transaction_id").GetString()!;
    }

    private static int DataFiles(string lake, string dataset) =>
        Directory.Exists(Path.Combine(lake, dataset)) ? Directory.EnumerateFiles(Path.Combine(lake, dataset), "*.parquet", SearchOption.AllDirectories).Count() : 0;

    private static int Chunks(string lake) =>
        Directory.Exists(Path.Combine(lake, "_chunks")) ? Directory.EnumerateFiles(Path.Combine(lake, "_chunks"), "*", SearchOption.AllDirectories).Count() : 0;

    private static int Count(string lake, string dataset) =>
        DataFiles(lake, dataset) == 0 ? 0 : Convert.ToInt32(DuckDbReader.Query($"SELECT count(*) FROM read_parquet({Glob(lake, dataset)})")[0][0], CultureInfo.InvariantCulture);

    /// <summary>One text per row of <paramref name="dataset"/>: <paramref name="expression"/> (SQL over its columns) cast to text.</summary>
    private static List<string> Query(string lake, string dataset, string expression) =>
        DataFiles(lake, dataset) == 0
            ? []
            : [.. DuckDbReader.Query($"SELECT CAST(({expression}) AS VARCHAR) FROM read_parquet({Glob(lake, dataset)})").Select(r => (string)r[0]!)];

    private static string Glob(string lake, string dataset) => DuckDbReader.Literal(Path.Combine(lake, dataset, "**", "*.parquet"));
}
