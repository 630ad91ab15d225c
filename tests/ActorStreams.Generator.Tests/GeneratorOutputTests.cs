using System.Text;
using System.Text.Json;
using ActorStreams.Generator.Tests.Support;
using ActorStreams.TestKit;

namespace ActorStreams.Generator.Tests;

[Trait("Category", "Unit")]
public sealed class GeneratorOutputTests
{
    [Fact]
    public async Task WriteJsonLinesAsync_File_HoldsOneRecordPerLineAndReportsProgress()
    {
        var path = Path.Combine(Path.GetTempPath(), $"generator-{Guid.NewGuid():N}.jsonl");
        var reported = new List<long>();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var stream = DataGenerator.Open(GeneratorDatasets.Transactions, TestSettings.With(), TimeProvider.System, 2_500);
                await GeneratorOutput.WriteJsonLinesAsync(stream, file, TimeProvider.System, new SynchronousProgress(reported.Add));
            }

            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal(2_500, lines.Length);
            Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
            Assert.Equal([1024L, 2048L, 2500L], reported);
            Assert.EndsWith("\n", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task WriteJsonLinesAsync_LiveStream_HoldsRecordsUntilTheirWallClockTimeAndStampsTheClocksTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var settings = GeneratorSettings.Default with { Rate = 10, DisorderRatio = 0, FraudRatio = 0 };
        Assert.True(settings.IsLive);
        var stream = DataGenerator.Open(GeneratorDatasets.Transactions, settings, clock, 5);
        using var output = new MemoryStream();

        var writing = GeneratorOutput.WriteJsonLinesAsync(stream, output, clock);

        // The first record goes at once; the second is due 100 ms later on the (stopped) clock.
        Assert.False(writing.IsCompleted);
        Assert.Equal(1, stream.Position);

        await AdvanceUntilDoneAsync(clock, writing, TimeSpan.FromMilliseconds(100));

        var times = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("timestamp").GetString());
        Assert.Equal(
            ["2026-06-01T12:00:00.000Z", "2026-06-01T12:00:00.100Z", "2026-06-01T12:00:00.200Z", "2026-06-01T12:00:00.300Z", "2026-06-01T12:00:00.400Z"],
            times);
    }

    [Fact]
    public async Task WriteJsonLinesAsync_LiveInsurance_WritesTheReferenceTablesAtOnceAndPacesTheActivities()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var settings = GeneratorSettings.Default with { Rate = 2, Customers = 3, Offers = 2 };
        var stream = DataGenerator.Open(GeneratorDatasets.Insurance, settings, clock, 3);
        using var output = new MemoryStream();

        var writing = GeneratorOutput.WriteJsonLinesAsync(stream, output, clock);

        // Two offers, three customers and the first activity; the second activity is due 500 ms later.
        Assert.False(writing.IsCompleted);
        Assert.Equal(6, stream.Position);
        Assert.Equal(6, Encoding.UTF8.GetString(output.ToArray()).Count(c => c == '\n'));

        await AdvanceUntilDoneAsync(clock, writing, TimeSpan.FromMilliseconds(500));
        Assert.Equal(8, stream.Position);
    }

    [Fact]
    public async Task WriteJsonLinesAsync_Cancelled_StopsBetweenRecords()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var stream = DataGenerator.Open(GeneratorDatasets.Transactions, TestSettings.With(), TimeProvider.System, 10_000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GeneratorOutput.WriteJsonLinesAsync(stream, Stream.Null, TimeProvider.System, cancellationToken: cancellation.Token));

        Assert.Equal(1024, stream.Position);
    }

    [Fact]
    public void TransactionsPerSecond_SmallRun_ReturnsAPositiveRate()
    {
        var rate = GeneratorBenchmark.TransactionsPerSecond(20_000);

        Assert.True(double.IsFinite(rate) && rate > 0);
    }

    /// <summary>
    /// Moves the fake clock step by step past the whole schedule (twenty steps). A delay's continuation may run inside
    /// the advance that fires it (and then waits for the next step) or after it (and then finds the time already
    /// passed); either way the writer finishes, with no sleep.
    /// </summary>
    private static async Task AdvanceUntilDoneAsync(FakeTimeProvider clock, Task writing, TimeSpan step)
    {
        for (var i = 0; i < 20 && !writing.IsCompleted; i++)
        {
            clock.Advance(step);
        }

        await writing.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
