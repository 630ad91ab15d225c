using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Cli.Tests;

[Trait("Category", "Unit")]
public sealed class GenerateCommandTests
{
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

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Timestamp(string line) => JsonDocument.Parse(line).RootElement.GetProperty("timestamp").GetString()!;
}
