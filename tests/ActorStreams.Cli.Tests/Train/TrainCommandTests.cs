using System.Text.Json;
using ActorStreams.Churn.Tests;

namespace ActorStreams.Cli.Tests.Train;

[Trait("Category", "Integration")]
public sealed class TrainCommandTests : IDisposable
{
    private readonly SyntheticEvents _data = SyntheticEvents.Create(customers: 160, days: 200, seed: 3);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task TrainChurn_SyntheticFile_WritesModelMetricsAndReportAndPrintsTheSummary()
    {
        var output = Path.Combine(_data.Directory, "models", "churn.zip");

        var result = await CliRunner.RunAsync("train", "churn", "--input", _data.Path, "--horizon", "30d", "--out", output, "--seed", "5");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        Assert.True(File.Exists(output));
        Assert.True(File.Exists(output + ".md"));
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(output + ".metrics.json"));
        var version = metrics.RootElement.GetProperty("model_version").GetString();
        var chosen = metrics.RootElement.GetProperty("chosen").GetString();
        // Without --as-of, T is the newest event − the horizon.
        Assert.Equal((_data.End - TimeSpan.FromDays(30)).ToIsoString(), metrics.RootElement.GetProperty("as_of").GetString());
        Assert.Contains($"churn model {version}: chose {chosen}", result.Output, StringComparison.Ordinal);
        Assert.Contains("rule_ewma_session_proxy", result.Output, StringComparison.Ordinal);
        Assert.Contains($"wrote {output}, {output}.metrics.json, {output}.md", result.Output, StringComparison.Ordinal);
        Assert.Contains("scanning " + _data.Path + ":", result.Error, StringComparison.Ordinal);
        Assert.Contains("training fast_tree on", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainChurn_GeneratedCustomerEvents_ReadsEveryRecordAndDropsExactlyTheReSentOnes()
    {
        var events = Path.Combine(_data.Directory, "generated.jsonl");
        var output = Path.Combine(_data.Directory, "generated", "churn.zip");
        var generated = await CliRunner.RunAsync("generate", "customer-events", "--customers", "200", "--days", "150", "--seed", "3", "--out", events);
        Assert.True(generated.ExitCode == ExitCodes.Ok, generated.Error);
        var resent = int.Parse(System.Text.RegularExpressions.Regex.Match(generated.Error, @"(\d+) re-sent as duplicates").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var result = await CliRunner.RunAsync("train", "churn", "--input", events, "--out", output);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(output + ".metrics.json"));
        var data = metrics.RootElement.GetProperty("data");
        Assert.Equal(0, data.GetProperty("bad_lines").GetInt64());
        Assert.True(resent > 0);
        Assert.Equal(resent, data.GetProperty("duplicates").GetInt64());
        Assert.Equal(File.ReadLines(events).LongCount() - resent, data.GetProperty("events").GetInt64());
        Assert.Equal(200, data.GetProperty("customers").GetInt64());
        // Both models beat chance (ROC-AUC 0.5) by at least 0.1 on the later-period test snapshot, and beat the EWMA rule's proxy.
        var rule = metrics.RootElement.GetProperty("rule").GetProperty("roc_auc").GetDouble();
        Assert.All(metrics.RootElement.GetProperty("models").EnumerateArray(), m => Assert.True(m.GetProperty("roc_auc").GetDouble() > 0.6, m.ToString()));
        Assert.All(metrics.RootElement.GetProperty("models").EnumerateArray(), m => Assert.True(m.GetProperty("roc_auc").GetDouble() > rule, $"{m} against the rule's {rule}"));

        // The behaviour report of the same file with the model: every customer in one segment, the model's figures in it.
        var reports = Path.Combine(_data.Directory, "reports");
        var report = await CliRunner.RunAsync("report", "behaviour", "--input", events, "--model", output, "--out", reports);
        Assert.True(report.ExitCode == ExitCodes.Ok, report.Error);
        var segments = System.Text.RegularExpressions.Regex.Matches(report.Output, @"(high risk|watch|low risk|lapsed|never purchased) (\d+)");
        Assert.Equal(200, segments.Sum(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        var markdown = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(reports, "behaviour-*.md")));
        Assert.Contains($"| duplicates (a repeated event_id: producer retries) | {resent:N0} |", markdown, StringComparison.Ordinal);
        Assert.Contains(metrics.RootElement.GetProperty("model_version").GetString()!, markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report behaviour", "Option '--input' is required")]
    [InlineData("report behaviour --input /nonexistent/events.jsonl", "--input: no such file \"/nonexistent/events.jsonl\"")]
    [InlineData("report behaviour --input {events} --model /nonexistent/churn.zip", "--model: no such file \"/nonexistent/churn.zip\"")]
    [InlineData("report behaviour --input {events} --as-of yesterday", "--as-of must be an ISO-8601 instant")]
    public async Task ReportBehaviour_BadArguments_Exit2NamingTheProblem(string args, string message)
    {
        var result = await CliRunner.RunAsync(args.Replace("{events}", _data.Path, StringComparison.Ordinal).Split(' '));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainChurn_OutputUnderAFile_Exits1SayingWhatCouldNotBeWritten()
    {
        var blocker = Path.Combine(_data.Directory, "not-a-folder");
        File.WriteAllText(blocker, "x");

        var result = await CliRunner.RunAsync("train", "churn", "--input", _data.Path, "--out", Path.Combine(blocker, "churn.zip"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains($"error: cannot write {Path.Combine(blocker, "churn.zip")}: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainChurn_LakeWithoutCustomerEvents_Exits1NamingTheMissingDataset()
    {
        var lake = Directory.CreateDirectory(Path.Combine(_data.Directory, "lake")).FullName;

        var result = await CliRunner.RunAsync("train", "churn", "--input", lake, "--out", Path.Combine(_data.Directory, "lake-model", "churn.zip"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains($"the lake {lake} has no customer_events dataset", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainChurn_Help_NamesEveryFlagAndTheOutputs()
    {
        var result = await CliRunner.RunAsync("train", "churn", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.All(new[] { "--input", "--as-of", "--horizon", "--out", "--seed", "<out>.metrics.json", "T − horizon" }, flag => Assert.Contains(flag, result.Output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "Option '--input' is required.")]
    [InlineData("--input /nonexistent/events.jsonl", "--input: no such file or lake directory \"/nonexistent/events.jsonl\"")]
    [InlineData("--input {data} --horizon 12h", "--horizon must be a whole number of days between 1d and 365d, such as 30d, got \"12h\"")]
    [InlineData("--input {data} --horizon 0d", "--horizon must be a whole number of days between 1d and 365d, such as 30d, got \"0d\"")]
    [InlineData("--input {data} --as-of tomorrow", "--as-of must be an ISO-8601 instant such as 2026-11-22T05:00:00Z, got \"tomorrow\"")]
    [InlineData("--input {data} --seed x", "Cannot parse argument 'x' for option '--seed'")]
    [InlineData("--input {data} --as-of 2026-07-21T00:00:00Z", "--as-of 2026-07-21T00:00:00.000Z with --horizon 30d needs events up to 2026-08-20T00:00:00.000Z for the test labels, but the newest event of {data} is 2026-07-20T00:00:00.000Z: the latest --as-of is 2026-06-20T00:00:00.000Z")]
    [InlineData("--input {data} --as-of 2026-01-20T00:00:00Z", "puts the train snapshot at 2025-12-21T00:00:00.000Z, not after the first event of {data}")]
    public async Task TrainChurn_BadFlag_Exits2NamingIt(string flags, string message)
    {
        var args = flags.Replace("{data}", _data.Path, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var result = await CliRunner.RunAsync(["train", "churn", .. args, "--out", Path.Combine(_data.Directory, "bad.zip")]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message.Replace("{data}", _data.Path, StringComparison.Ordinal), result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data.Directory, "bad.zip")));
    }
}
