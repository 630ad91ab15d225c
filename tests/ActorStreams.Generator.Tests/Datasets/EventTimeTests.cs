using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Generator.Tests.Support;
using ActorStreams.TestKit;

namespace ActorStreams.Generator.Tests.Datasets;

/// <summary>Event time: the simulated clock, its spacing, and the per-customer disorder bound.</summary>
[Trait("Category", "Unit")]
public sealed class EventTimeTests
{
    public static TheoryData<string, int> DisorderCases => new()
    {
        { GeneratorDatasets.Transactions, 2_000 },
        { GeneratorDatasets.Transactions, 300 },
        { GeneratorDatasets.CustomerActivity, 2_000 },
        { GeneratorDatasets.CustomerActivity, 500 },
        { GeneratorDatasets.LoanApplications, 2_000 },
        { GeneratorDatasets.LoanApplications, 500 },
    };

    [Theory]
    [MemberData(nameof(DisorderCases))]
    public void Dataset_PerCustomerOrder_IsIncreasingExceptWithinTheDisorderBound(string dataset, int disorderMillis)
    {
        var disorder = TimeSpan.FromMilliseconds(disorderMillis);

        // A dense stream (many records per customer per second) so out-of-order neighbours actually happen.
        var settings = TestSettings.With() with { Customers = 50, Disorder = disorder, DisorderRatio = 0.3, Rate = 200 };
        var newest = new Dictionary<long, DateTimeOffset>();
        var outOfOrder = 0;
        foreach (var record in TestSettings.Generate(dataset, settings, 20_000))
        {
            var value = record.Parse();
            var customer = value.GetProperty("customer_id").GetInt64();
            var t = value.GetProperty("timestamp").GetDateTimeOffset();
            if (newest.TryGetValue(customer, out var maxT))
            {
                Assert.True(t >= maxT - disorder, $"customer {customer}: {t:O} is more than {disorder} before {maxT:O}");
                outOfOrder += t < maxT ? 1 : 0;
                newest[customer] = t > maxT ? t : maxT;
            }
            else
            {
                newest[customer] = t;
            }
        }

        Assert.True(outOfOrder > 50, $"only {outOfOrder} out-of-order records: the bound was not exercised");
    }

    [Fact]
    public void Transactions_RateAndSpeedup_SpaceEventTimeBySpeedupOverRate()
    {
        var settings = TestSettings.With() with { Rate = 50, Speedup = 10, DisorderRatio = 0, FraudRatio = 0 };

        var times = TestSettings.Generate(GeneratorDatasets.Transactions, settings, 101).Select(Timestamp).ToList();

        Assert.Equal(TestSettings.Start, times[0]);
        Assert.Equal(TestSettings.Start.AddSeconds(100 * 10.0 / 50), times[^1]);
    }

    [Fact]
    public void Transactions_RateZero_SpacesEventTimeSoEachCustomerActsAboutOncePerInterval()
    {
        var settings = TestSettings.With() with { Customers = 600, MeanCustomerInterval = TimeSpan.FromHours(2), DisorderRatio = 0, FraudRatio = 0 };

        var times = TestSettings.Generate(GeneratorDatasets.Transactions, settings, 601).Select(Timestamp).ToList();

        // 600 records = one per customer on average = one interval.
        Assert.Equal(TestSettings.Start.AddHours(2), times[^1]);
    }

    public static TheoryData<string> Datasets => [.. GeneratorDatasets.All];

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task Dataset_BackfillWithoutStart_IsByteIdenticalUnderDifferentClocks(string dataset)
    {
        var settings = GeneratorSettings.Default;
        Assert.Null(settings.Start);
        Assert.False(settings.IsLive);

        var first = await WriteAsync(dataset, settings, new FakeTimeProvider(new DateTimeOffset(2027, 3, 4, 5, 6, 7, 891, TimeSpan.Zero)));
        var second = await WriteAsync(dataset, settings, new FakeTimeProvider(new DateTimeOffset(2031, 8, 9, 10, 11, 12, 13, TimeSpan.Zero)));

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    // The first record is stamped at the simulated clock's start, less any disorder (at most settings.Disorder, 2s):
    // with the default seed the first payment and the first loan application are on time and the first activity is pushed back by 1,073 ms.
    [Theory]
    [InlineData(GeneratorDatasets.Transactions, "2026-01-01T00:00:00.000Z")]
    [InlineData(GeneratorDatasets.CustomerActivity, "2025-12-31T23:59:58.927Z")]
    [InlineData(GeneratorDatasets.Insurance, "2025-12-31T23:59:58.927Z")]
    [InlineData(GeneratorDatasets.LoanApplications, "2026-01-01T00:00:00.000Z")]
    public void Dataset_BackfillWithoutStart_BeginsAtTheDefaultStart(string dataset, string firstTimestamp)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 4, 5, 6, 7, 891, TimeSpan.Zero));
        var stream = DataGenerator.Open(dataset, GeneratorSettings.Default, clock, 10);

        var records = GeneratedRecord.Drain(stream);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), GeneratorSettings.DefaultStart);
        Assert.Equal(EventTime.FromDateTimeOffset(GeneratorSettings.DefaultStart), stream.Start);

        // The first streamed record (after insurance's reference tables).
        var stamped = records.Select(r => r.Parse()).First(v => v.TryGetProperty("timestamp", out _)).GetProperty("timestamp");
        Assert.Equal(firstTimestamp, stamped.GetString());
        Assert.InRange(stamped.GetDateTimeOffset(), GeneratorSettings.DefaultStart - GeneratorSettings.Default.Disorder, GeneratorSettings.DefaultStart);
    }

    [Fact]
    public void Dataset_LiveWithoutStart_BeginsAtTheTimeProvidersNow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 4, 5, 6, 7, 891, TimeSpan.Zero).AddTicks(1234));
        var settings = GeneratorSettings.Default with { Rate = 10, DisorderRatio = 0 };
        Assert.True(settings.IsLive);
        var stream = DataGenerator.Open(GeneratorDatasets.CustomerActivity, settings, clock, 1);

        Assert.True(stream.MoveNext());

        Assert.Equal(new EventTime(EventTime.FromDateTimeOffset(new DateTimeOffset(2027, 3, 4, 5, 6, 7, 891, TimeSpan.Zero)).Ticks), stream.Start);
        Assert.Equal(10, stream.PacedRate);
        Assert.Equal("2027-03-04T05:06:07.891Z", JsonDocument.Parse(stream.Value.ToArray()).RootElement.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Transactions_LiveWithoutStart_StampsTheClocksTimeAndRepeatsTheRestOfEachRecord()
    {
        var settings = GeneratorSettings.Default with { Rate = 10, DisorderRatio = 0, FraudRatio = 0 };
        var early = GeneratedRecord.Drain(DataGenerator.Open(
            GeneratorDatasets.Transactions, settings, new FakeTimeProvider(new DateTimeOffset(2027, 3, 4, 5, 6, 7, TimeSpan.Zero)), 3));
        var late = GeneratedRecord.Drain(DataGenerator.Open(
            GeneratorDatasets.Transactions, settings, new FakeTimeProvider(new DateTimeOffset(2027, 3, 4, 6, 0, 0, TimeSpan.Zero)), 3));

        Assert.Equal(
            ["2027-03-04T05:06:07.000Z", "2027-03-04T05:06:07.100Z", "2027-03-04T05:06:07.200Z"],
            early.Select(r => r.Parse().GetProperty("timestamp").GetString()));
        Assert.Equal(
            ["2027-03-04T06:00:00.000Z", "2027-03-04T06:00:00.100Z", "2027-03-04T06:00:00.200Z"],
            late.Select(r => r.Parse().GetProperty("timestamp").GetString()));

        // Transaction ids derive from the start, so they change with the clock too; everything else repeats.
        Assert.Empty(early.Select(TransactionId).Intersect(late.Select(TransactionId)));
        Assert.Equal(early.Select(WithoutTimeAndId), late.Select(WithoutTimeAndId));
    }

    private static DateTimeOffset Timestamp(GeneratedRecord record) => record.Parse().GetProperty("timestamp").GetDateTimeOffset();

    private static string? TransactionId(GeneratedRecord record) => record.Parse().GetProperty("transaction_id").GetString();

    private static string WithoutTimeAndId(GeneratedRecord record) =>
        string.Join(',', record.Parse().EnumerateObject().Where(p => p.Name is not ("timestamp" or "transaction_id")).Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    /// <summary>Writes <paramref name="dataset"/> as JSON lines with <paramref name="clock"/> as the only clock.</summary>
    private static async Task<byte[]> WriteAsync(string dataset, GeneratorSettings settings, TimeProvider clock)
    {
        using var buffer = new MemoryStream();
        var stream = DataGenerator.Open(dataset, settings, clock);
        await GeneratorOutput.WriteJsonLinesAsync(stream, buffer, clock);
        return buffer.ToArray();
    }
}
