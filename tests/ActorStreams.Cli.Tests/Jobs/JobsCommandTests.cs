using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.TestKit;
using ActorStreams.Warehouse.Tests.Fixtures;

namespace ActorStreams.Cli.Tests.Jobs;

[Trait("Category", "Integration")]
public sealed class JobsCommandTests
{
    [Fact]
    public async Task JobsRunHourly_StandardLake_LoadsPrintsKpisThenFindsNothingNew()
    {
        using var lake = TestLake.CreateStandard();
        string[] args = ["jobs", "run", "hourly", "--lake", lake.Root, "--warehouse", lake.WarehousePath];

        var first = await CliRunner.RunAsync(args);
        var second = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.StartsWith("hourly: ok in ", first.Output, StringComparison.Ordinal);
        Assert.Contains("loaded 3 hour(s) (2026-11-22T05, 2026-11-22T06, 2026-11-22T07)", first.Output, StringComparison.Ordinal);
        var usd = lake.Transactions.Where(t => !t.Duplicate && t.Currency == "USD").ToList();
        var revenue = Math.Round(usd.Sum(t => t.Amount), 2).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($@"USD\s+{revenue.Replace(".", "\\.", StringComparison.Ordinal)}\s+{usd.Count}\s", first.Output);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Contains("loaded 0 hour(s), 0 rows, 3 unchanged", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsRunHourly_HourFailingACheck_Exits1WithTheError()
    {
        using var lake = TestLake.CreateStandard();
        lake.WriteTransactions([new TxRow("t-30", 106, "home", -1, "USD", "US", "Austin", TestLake.At(7, 40), 0, 10)]);

        var result = await CliRunner.RunAsync("jobs", "run", "hourly", "--lake", lake.Root, "--warehouse", lake.WarehousePath);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("hourly: failed in ", result.Output, StringComparison.Ordinal);
        Assert.Contains("error: hourly failed: 1 hour(s) failed the data-quality checks: amount-bounds", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsRunFraudMonitor_WindowWithAlerts_PrintsCountsAndSpikesNotPublished()
    {
        using var lake = TestLake.CreateStandard();

        // The run at 05:17 evaluates [05:00, 05:15): t-03's HIGH_AMOUNT and VELOCITY alerts, electronics, no baseline.
        var result = await CliRunner.RunAsync(
            "jobs", "run", "fraud-monitor", "--lake", lake.Root, "--at", "2026-11-22T05:17:00Z", "--set", "actorstreams.jobs.fraud-monitor.min-alerts=2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("fraud-monitor: ok in ", result.Output, StringComparison.Ordinal);
        Assert.Contains("window 2026-11-22T05:00Z-05:15Z: 2 alert(s) from 1 file(s); 1 spike(s): merchant_category electronics 2 vs 0 (not published)", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"rule\s+VELOCITY\s+1\s+0\s", result.Output);
        Assert.Matches(@"merchant_category\s+electronics\s+2\s+0\s+spike", result.Output);
        Assert.Contains(
            "fraud-monitor electronics: {\"monitor_id\":\"2026-11-22T05:00:00.000Z:merchant_category:electronics\",\"window_start\":\"2026-11-22T05:00:00.000Z\"",
            result.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsRunFraudMonitor_Bootstrap_ProducesTheSpikesToTheFraudMonitorTopic()
    {
        using var lake = TestLake.CreateStandard();
        using var broker = DevBroker.Start(KafkaSettings.Default with { Partitions = 1 });

        var result = await CliRunner.RunAsync(
            "jobs", "run", "fraud-monitor", "--lake", lake.Root, "--at", "2026-11-22T05:17:00Z", "--set", "actorstreams.jobs.fraud-monitor.min-alerts=2",
            "--bootstrap", broker.BootstrapServers);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("1 spike(s): merchant_category electronics 2 vs 0 (published)", result.Output, StringComparison.Ordinal);
        var (key, value) = Assert.Single(ReadAll(broker.BootstrapServers, KafkaTopics.Default.FraudMonitor));
        Assert.Equal("electronics", key);
        Assert.StartsWith("{\"monitor_id\":\"2026-11-22T05:00:00.000Z:merchant_category:electronics\",", value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsRun_S3LakeUnreachable_Exits1WithTheS3Error()
    {
        using var lake = TestLake.CreateStandard();

        // Nothing listens there: the run cannot bring the lake's local mirror up to date.
        var result = await CliRunner.RunAsync(
            "jobs", "run", "fraud-monitor", "--lake", "s3://bucket/lake", "--warehouse", lake.WarehousePath,
            "--set", $"actorstreams.lake.s3.endpoint=http://127.0.0.1:{FreePorts.Next()}", "--set", "actorstreams.lake.s3.force-path-style=on",
            "--set", "actorstreams.lake.s3.access-key=k", "--set", "actorstreams.lake.s3.secret-key=s");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("fraud-monitor: failed in ", result.Output, StringComparison.Ordinal);
        Assert.Contains("error: fraud-monitor failed: fraud-monitor: the lake s3://bucket/lake cannot be mirrored next to the warehouse ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Every record of the one-partition <paramref name="topic"/> up to its end now, as (key, UTF-8 value).</summary>
    private static List<(string? Key, string Value)> ReadAll(string bootstrap, string topic)
    {
        KafkaNative.EnsureLoaded();
        var config = new Confluent.Kafka.ConsumerConfig { BootstrapServers = bootstrap, GroupId = "jobs-command-tests", EnableAutoCommit = false, EnablePartitionEof = true };
        using var consumer = new Confluent.Kafka.ConsumerBuilder<string?, string>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(new Confluent.Kafka.TopicPartitionOffset(topic, 0, Confluent.Kafka.Offset.Beginning));
        var records = new List<(string?, string)>();
        while (consumer.Consume(TimeSpan.FromSeconds(10)) is { IsPartitionEOF: false } record)
        {
            records.Add((record.Message.Key, record.Message.Value));
        }

        return records;
    }

    [Theory]
    [InlineData("jobs run weekly", "'weekly'")]
    [InlineData("jobs run", "Required argument missing")]
    [InlineData("jobs run hourly --at yesterday", "--at must be an ISO-8601 instant such as 2026-11-22T05:00:00Z, got \"yesterday\"")]
    [InlineData("jobs run hourly --hours 3", "Unrecognized command or argument '--hours'")]
    [InlineData("jobs run fraud-monitor --bootstrap nohost", "--bootstrap must be a comma-separated host:port list, got \"nohost\"")]
    [InlineData("jobs run fraud-monitor --set actorstreams.jobs.fraud-monitor.spike-factor=0", "actorstreams.jobs.fraud-monitor.spike-factor must be a positive number, got \"0\"")]
    public async Task JobsRun_BadArguments_Exit2NamingTheProblem(string args, string message)
    {
        var result = await CliRunner.RunAsync(args.Split(' '));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
