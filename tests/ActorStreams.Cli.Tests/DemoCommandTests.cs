using System.Globalization;
using System.Text.RegularExpressions;
using ActorStreams.Cli.Demo;
using ActorStreams.Node.Jobs;
using ActorStreams.Persistence;
using Spectre.Console;

namespace ActorStreams.Cli.Tests;

/// <summary>
/// <c>actorstreams demo</c> in-process: the integration tests run the whole demo (dev broker, nodes, generators) for
/// a short <c>--duration</c>, which is the product's own timer, and read its summary.
/// </summary>
public sealed partial class DemoCommandTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Demo_NoUiForADuration_Exits0WithFraudAlertsAndEventsProcessed()
    {
        var result = await CliRunner.RunAsync("demo", "--duration", "20s", "--no-ui", "--rate", "300", "--customers", "200");

        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.Contains("generating customer events…", result.Output, StringComparison.Ordinal);
        Assert.Contains("training churn model…", result.Output, StringComparison.Ordinal);
        var model = ModelLine().Match(result.Output);
        Assert.True(model.Success, result.Output);
        Assert.Matches(BootstrapLine(), result.Output);
        // A progress line every 2 s (when the first comes depends on how fast the nodes start on a loaded machine).
        Assert.Matches(ProgressLine(), result.Output);
        Assert.Matches(DashboardLine(), result.Output);
        Assert.Contains("demo summary: duration reached", result.Output, StringComparison.Ordinal);
        Assert.True(SummaryCount(result.Output, "events processed") > 0, result.Output);
        Assert.True(SummaryCount(result.Output, "fraud alerts") >= 1, result.Output);
        Assert.Equal(0, SummaryCount(result.Output, "dead letters"));

        // The backfill (about 59,000 events) is produced before the node starts and read at over 10,000/s, so the node
        // scores customers with the trained model and CHURN_MODEL fires well within the run (175 with the default seed
        // once it is all read; the count is not asserted, as the drain at stop is bounded).
        Assert.Matches(CustomerEventsProcessed(), result.Output);
        Assert.True(SummaryCount(result.Output, "model scores") > 0, result.Output);
        Assert.True(SummaryCount(result.Output, "churn model alerts") > 0, result.Output);
        Assert.Contains($"churn model {model.Groups["model"].Value}; customer-events processed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Demo_TwoNodes_BothNodesOwnShards()
    {
        // Without the behaviour backfill and model, which the one-node run covers: this run is about the shards.
        var result = await CliRunner.RunAsync("demo", "--duration", "15s", "--no-ui", "--nodes", "2", "--rate", "300", "--customers", "200", "--no-behaviour");

        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.DoesNotContain("training churn model", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("model scores", result.Output, StringComparison.Ordinal);
        var shards = ClusterRow().Matches(result.Output).ToDictionary(m => m.Groups["node"].Value, m => int.Parse(m.Groups["shards"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(["demo-1", "demo-2"], shards.Keys.Order(StringComparer.Ordinal));
        Assert.All(shards.Values, count => Assert.True(count > 0, result.Output));
        Assert.Equal(3 * 12, shards.Values.Sum()); // customer, merchant and loan shards
        Assert.True(SummaryCount(result.Output, "events processed") > 0, result.Output);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("--rate", "0", "--rate must be positive, got 0")]
    [InlineData("--rate", "-5", "--rate must be positive, got -5")]
    [InlineData("--nodes", "0", "--nodes must be between 1 and 8, got 0")]
    [InlineData("--nodes", "9", "--nodes must be between 1 and 8, got 9")]
    [InlineData("--duration", "soon", "--duration must be a duration like 30s or 2m, got \"soon\"")]
    [InlineData("--duration", "0s", "--duration must be a duration like 30s or 2m, got \"0s\"")]
    [InlineData("--customers", "0", "--customers must be between 1 and 10000000, got 0")]
    [InlineData("--fraud-ratio", "1", "--fraud-ratio must be between 0 and 1 (excluding 1), got 1")]
    [InlineData("--partitions", "0", "--partitions must be between 1 and 1000, got 0")]
    [InlineData("--config", "/no/such/demo.conf", "--config: file not found: /no/such/demo.conf")]
    [InlineData("--set", "novalue", "--set expects key=value, got \"novalue\"")]
    public async Task Demo_BadFlag_Exit2WithAClearMessage(string flag, string value, string message)
    {
        var result = await CliRunner.RunAsync("demo", flag, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("bootstrap:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public async Task Demo_StoreFileOfAnEarlierRun_Exit2()
    {
        var file = Path.Combine(Path.GetTempPath(), $"actorstreams-demo-{Guid.NewGuid():N}.db");
        await File.WriteAllTextAsync(file, "an earlier run's state");
        try
        {
            var result = await CliRunner.RunAsync("demo", "--store", "sqlite:" + file);

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Contains("holds an earlier run's state", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public async Task Demo_ChurnModelThatDoesNotLoad_Exit2NamingTheProblem()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"actorstreams-demo-{Guid.NewGuid():N}.zip");
        await File.WriteAllTextAsync(zip, "not a model");
        try
        {
            var missing = await CliRunner.RunAsync("demo", "--churn-model", "/no/such/churn.zip");
            var withoutMetrics = await CliRunner.RunAsync("demo", "--churn-model", zip);

            Assert.Equal(ExitCodes.Usage, missing.ExitCode);
            Assert.Contains("--churn-model /no/such/churn.zip: the churn model does not load: cannot read the churn model", missing.Error, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Usage, withoutMetrics.ExitCode);
            Assert.Contains($"--churn-model {zip}: the churn model does not load", withoutMetrics.Error, StringComparison.Ordinal);
            Assert.Contains(".metrics.json", withoutMetrics.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("bootstrap:", missing.Output + withoutMetrics.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public async Task Demo_ChurnModelAndNoBehaviour_Exit2()
    {
        var result = await CliRunner.RunAsync("demo", "--churn-model", "models/churn.zip", "--no-behaviour");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--churn-model and --no-behaviour exclude each other", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public async Task Demo_BadConfigurationValue_Exit2NamingTheKey()
    {
        var result = await CliRunner.RunAsync("demo", "--set", "actorstreams.kafka.partitions=zero");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("actorstreams.kafka.partitions", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public async Task Demo_Help_ListsEveryFlag()
    {
        var result = await CliRunner.RunAsync("demo", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        foreach (var flag in new[] { "--duration", "--nodes", "--rate", "--customers", "--fraud-ratio", "--partitions", "--seed", "--store", "--churn-model", "--no-behaviour", "--config", "--set", "--no-ui" })
        {
            Assert.Contains(flag, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void DemoConf_IsTheConfigLayer_AndOnlyOverrides()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, CliRunner.RepositoryRoot());

        var config = DemoRunner.LoadConfig(context, new DemoOptions(), []);

        Assert.Equal(Path.Combine(context.Home, "hocon", "demo.conf"), DemoRunner.DemoConfigFile(context));
        Assert.Equal(0, config.GetInt("actorstreams.http.port", -1));
        Assert.Equal(TimeSpan.Zero, config.GetTimeSpan("actorstreams.metrics.log-interval", TimeSpan.MaxValue));
        Assert.Equal(TemporaryStore.Name, config.GetString("actorstreams.store.uri", string.Empty));
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData(200, 24_000)]
    [InlineData(5, 1_000)]
    [InlineData(300, 36_000)]
    public void DefaultCustomers_AboutOnePaymentPerCustomerEveryTwoMinutes(double rate, int expected)
    {
        Assert.Equal(expected, DemoOptions.DefaultCustomers(rate));
        Assert.False(new DemoOptions { Rate = rate }.CustomersTooFewForRate);
        Assert.True(new DemoOptions { Rate = 300, Customers = 200 }.CustomersTooFewForRate);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData(new[] { "customer/0", "customer/1", "customer/2", "merchant/0", "merchant/1", "merchant/2" }, "customer 0-2, merchant 0-2")]
    [InlineData(new[] { "merchant/7", "customer/3", "customer/5", "customer/4", "customer/9" }, "customer 3-5,9, merchant 7")]
    [InlineData(new string[0], "-")]
    public void ShardRanges_GroupsPartitionsPerKind(string[] shards, string expected) =>
        Assert.Equal(expected, DemoSampler.ShardRanges(shards));

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData(140)]
    [InlineData(80)]
    public void View_Snapshot_RendersEveryPanel(int width)
    {
        var text = Render(Snapshot(), width);
        foreach (var part in new[]
        {
            "ActorStreams demo", "up 00:42", "127.0.0.1:9092", "in 250/s", "lag 7", "transactions", "customer-activity", "fraud alerts per rule: 12",
            "HIGH_AMOUNT", "NEW_DEVICE", "demo-1", "demo-2", "6-11", "checkpoints", "electronics", "latest fraud alerts", "m-jewelry-003",
            "4,999.00", "dead letters", "/tmp/demo.log",
            "job fraud-monitor (next 05:32Z): ok 05:17Z", "job hourly (next 06:05Z): no run yet",
        })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("churn model", text, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData(140)]
    [InlineData(80)]
    public void View_SnapshotWithAChurnModel_RendersItsPanel(int width)
    {
        var text = Render(WithChurnModel(Snapshot()), width);

        foreach (var part in new[]
        {
            "in 1,750/s", "customer-events", "churn model logistic_regression 22d301dfbe12", "customer events 59,000 (1,500/s, lag 0)",
            "model scores 11,895 (300/s; a customer at each session end and purchase)", "CHURN_MODEL alerts 175", "churn model alerts", "fraud alerts per rule: 12", "latest fraud alerts",
        })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void ProgressLine_Snapshot_IsOneCompactLine()
    {
        var line = DemoReport.ProgressLine(Snapshot());

        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("[00:42] in 13,200 (250/s)", line, StringComparison.Ordinal);
        Assert.Contains("fraud 12 [HIGH_AMOUNT=5", line, StringComparison.Ordinal);
        Assert.Contains("shards demo-1:12 demo-2:12", line, StringComparison.Ordinal);
        Assert.DoesNotContain("| model", line, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void ProgressLine_SnapshotWithAChurnModel_ShowsItsCounters()
    {
        var line = DemoReport.ProgressLine(WithChurnModel(Snapshot()));

        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("[00:42] in 72,200 (1,750/s)", line, StringComparison.Ordinal);
        Assert.Contains("churn 3 | model logistic_regression 22d301dfbe12: events 59,000 (1,500/s) scored 11,895 CHURN_MODEL 175 | late", line, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Summary_Snapshot_CountsEveryInputAndTheChurnModel()
    {
        var summary = DemoReport.Summary(WithChurnModel(Snapshot()), new Dictionary<string, Node.NodeStatus>(), "duration reached", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3), null);

        Assert.StartsWith("demo summary: duration reached; ran live 20.0 s, stopped in 3.0 s", summary, StringComparison.Ordinal);
        Assert.Equal(1_000 + 200 + 12_000 + 59_000, SummaryCount(summary, "events processed"));
        Assert.Contains("customer-events 59,000;", summary, StringComparison.Ordinal);
        Assert.Equal(175, SummaryCount(summary, "churn model alerts"));
        Assert.Equal(3, SummaryCount(summary, "churn alerts"));
        Assert.Equal(11_895, SummaryCount(summary, "model scores"));
        Assert.Contains("by churn model logistic_regression 22d301dfbe12; customer-events processed 59,000)", summary, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Summary_WithoutAChurnModel_HasNoModelLine()
    {
        var summary = DemoReport.Summary(Snapshot(), new Dictionary<string, Node.NodeStatus>(), "duration reached", TimeSpan.Zero, TimeSpan.Zero, null);

        Assert.DoesNotContain("model scores", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("churn model", summary, StringComparison.Ordinal);
    }

    private static long SummaryCount(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s+{Regex.Escape(label)}\s+(?<n>[\d,]+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"no \"{label}\" line in the summary:\n{output}");
        return long.Parse(match.Groups["n"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private static DemoSnapshot Snapshot() => new()
    {
        Elapsed = TimeSpan.FromSeconds(42),
        Bootstrap = "127.0.0.1:9092",
        Partitions = 12,
        Store = "memory",
        Inputs =
        [
            new DemoTopicRow("transactions", 1_005, 1_000, 200),
            new DemoTopicRow("customer-activity", 202, 200, 50),
            new DemoTopicRow("customer-details", 12_000, 12_000, 0),
        ],
        RepartitionIn = 1_500,
        Outputs =
        [
            new DemoOutputRow("fraud alerts", 12, 0.5),
            new DemoOutputRow("churn alerts", 3, 0.1),
            new DemoOutputRow("enriched records", 200, 50),
            new DemoOutputRow("merchant metrics", 0, 0),
        ],
        AlertsByRule =
        [
            new("HIGH_AMOUNT", 5), new("RAPID_FIRE", 4), new("VELOCITY", 3), new("IMPOSSIBLE_TRAVEL", 0), new("NEW_DEVICE", 0),
        ],
        InjectedPatterns = new Dictionary<string, long> { ["HIGH_AMOUNT"] = 5, ["RAPID_FIRE"] = 4, ["VELOCITY"] = 3, ["IMPOSSIBLE_TRAVEL"] = 2, ["NEW_DEVICE"] = 1 },
        LabelledFraud = 30,
        LateTransactions = 0,
        MerchantLateEvents = 0,
        DeadLetters = 0,
        Misrouted = 0,
        LostToRetention = 0,
        Nodes =
        [
            new DemoNodeRow("demo-1", 12, "customer 0-5, merchant 0-5", 6_100, 40, 6_800),
            new DemoNodeRow("demo-2", 12, "customer 6-11, merchant 6-11", 6_050, 40, 6_700),
        ],
        Followed = new DemoOutputsView
        {
            LatestAlerts = [new DemoAlert("tx-1:HIGH_AMOUNT", "HIGH_AMOUNT", 4242, 4_999.00m, "m-jewelry-003", "jewelry", DateTimeOffset.UnixEpoch)],
            Categories = [new DemoCategory("electronics", 4, 310, 25_000.50m, 3), new DemoCategory("jewelry", 2, 40, 9_000m, 1)],
            WindowStart = DateTimeOffset.UnixEpoch,
        },
        Jobs = new JobHistory(
            "demo-1",
            new Dictionary<string, DateTimeOffset> { ["hourly"] = At(6, 5), ["fraud-monitor"] = At(5, 32) },
            [],
            [new JobRun("fraud-monitor", At(5, 17), At(5, 17), At(5, 17), "demo-1", JobRun.Ok, "window 2026-11-22T05:00Z-05:15Z: 2 alert(s)", null)]),
    };

    /// <summary>The snapshot with the customer-events backfill read and a churn model scoring.</summary>
    private static DemoSnapshot WithChurnModel(DemoSnapshot s) => s with
    {
        Inputs = [.. s.Inputs, new DemoTopicRow("customer-events", 59_000, 59_000, 1_500)],
        Outputs = [.. s.Outputs, new DemoOutputRow(DemoSampler.ChurnModelAlerts, 175, 2)],
        ModelScores = 11_895,
        ModelScoresPerSecond = 300,
        ChurnModel = "logistic_regression 22d301dfbe12",
    };

    private static string Render(DemoSnapshot snapshot, int width)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Write(DemoView.Render(snapshot, new DemoHeader("Ctrl-C stops", "/tmp/demo.log"), width));
        return output.ToString();
    }

    private static DateTimeOffset At(int hour, int minute) => new(2026, 11, 22, hour, minute, 0, TimeSpan.Zero);

    [GeneratedRegex(@"^churn model (?<model>\w+ [0-9a-f]{12}): test ROC-AUC [01]\.\d{3}, PR-AUC [01]\.\d{3} .*; model /.*churn\.zip ", RegexOptions.Multiline)]
    private static partial Regex ModelLine();

    [GeneratedRegex(@"^\s+events processed .*, customer-events [1-9][\d,]*;", RegexOptions.Multiline)]
    private static partial Regex CustomerEventsProcessed();

    [GeneratedRegex(@"^bootstrap: 127\.0\.0\.1:\d+$", RegexOptions.Multiline)]
    private static partial Regex BootstrapLine();

    [GeneratedRegex(@"^\[\d\d:\d\d\] in [\d,]+ ", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"^dashboard: http://127\.0\.0\.1:\d+/ ", RegexOptions.Multiline)]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"^\s+(?<node>demo-\d+)\s+(?<shards>\d+)\s", RegexOptions.Multiline)]
    private static partial Regex ClusterRow();
}
