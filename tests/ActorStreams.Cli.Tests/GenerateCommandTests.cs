using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Cli.Tests;

[Trait("Category", "Unit")]
public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstreams-generate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Generate_SameSeedAndDefaultFlags_PrintsByteIdenticalRecordsStartingAtTheDefaultStart()
    {
        var first = await CliRunner.RunAsync("generate", "transactions", "--count", "200");
        var second = await CliRunner.RunAsync("generate", "transactions", "--count", "200");

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal(200, Lines(first.Output).Length);
        Assert.True(first.Output == second.Output, "two runs with the same seed and flags printed different records");
        Assert.Equal("2026-01-01T00:00:00.000Z", Timestamp(Lines(first.Output)[0]));
    }

    [Fact]
    public async Task Generate_LiveRateWithoutStart_StampsTheCurrentTime()
    {
        // The first record may lag the clock by the disorder bound (default 2s); whole milliseconds.
        var before = TimeProvider.System.GetUtcNow().AddSeconds(-2).AddMilliseconds(-1);
        var result = await CliRunner.RunAsync("generate", "transactions", "--count", "3", "--rate", "1000");
        var after = TimeProvider.System.GetUtcNow();

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.InRange(DateTimeOffset.Parse(Timestamp(Lines(result.Output)[0]), CultureInfo.InvariantCulture), before, after);
    }

    [Fact]
    public async Task Generate_CustomerEventsWithCountAndOut_WritesTheEventsAndTheGroundTruthNextToThem()
    {
        var file = Path.Combine(_directory, "events.jsonl");

        var result = await CliRunner.RunAsync("generate", "customer-events", "--count", "1000", "--out", file);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var events = File.ReadAllLines(file);
        Assert.Equal(1_000, events.Length);
        Assert.All(events, e => Assert.Contains("\"session_id\":\"s-", e, StringComparison.Ordinal));
        var truth = File.ReadAllLines(file + ".truth.csv");
        Assert.Equal("customer_id,segment,churned_at", truth[0]);
        Assert.Equal(Enumerable.Range(1, 1_000).Select(i => i.ToString(CultureInfo.InvariantCulture)), truth.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("ground truth of 1000 customers (", result.Error, StringComparison.Ordinal);
        Assert.Contains($"written to {file}.truth.csv", result.Error, StringComparison.Ordinal);
        Assert.Contains("generated customer-events to " + file, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_CustomerEventsToStandardOutputWithTruthAndDays_CoversThePeriodAndWritesTheTruthWhereAsked()
    {
        var truthFile = Path.Combine(_directory, "labels.csv");

        var result = await CliRunner.RunAsync("generate", "customer-events", "--customers", "20", "--days", "10", "--truth", truthFile);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var timestamps = Lines(result.Output).Select(l => DateTimeOffset.Parse(Timestamp(l), CultureInfo.InvariantCulture)).ToList();
        Assert.True(timestamps.Count > 100, $"only {timestamps.Count} events");
        Assert.All(timestamps, t => Assert.InRange(t, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 10, 23, 59, 59, 999, TimeSpan.Zero)));
        Assert.Equal(21, File.ReadAllLines(truthFile).Length);
        Assert.Contains($"written to {truthFile}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Generate_ListsCustomerEventsAndItsFlags()
    {
        var result = await CliRunner.RunAsync("generate", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("loan-applications, customer-events.", result.Output, StringComparison.Ordinal);
        Assert.Contains("--days <D>", result.Output, StringComparison.Ordinal);
        Assert.Contains("--truth <file>", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--truth applies to the customer-events dataset only", "transactions", "--truth", "t.csv")]
    [InlineData("--days applies to the customer-events dataset only", "loan-applications", "--days", "30")]
    [InlineData("--days must be between 1 and 3650, got 0", "customer-events", "--days", "0")]
    [InlineData("--truth must name a file other than --out, got \"same.jsonl\"", "customer-events", "--out", "same.jsonl", "--truth", "same.jsonl")]
    public async Task Generate_BadCustomerEventsFlags_Exit2WithTheReason(string expected, params string[] args)
    {
        var result = await CliRunner.RunAsync(["generate", .. args]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith($"error: {expected}\n", result.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Generate_InvalidBehaviourSetting_Exits2NamingTheKey()
    {
        var result = await CliRunner.RunAsync("generate", "customer-events", "--count", "10", "--set", "actorstreams.generator.behaviour.duplicate-ratio=2");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("actorstreams.generator.behaviour.duplicate-ratio must be a number between 0 and 1, got 2", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Timestamp(string line) => JsonDocument.Parse(line).RootElement.GetProperty("timestamp").GetString()!;
}
