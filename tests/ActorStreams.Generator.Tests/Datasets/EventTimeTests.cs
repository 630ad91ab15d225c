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

    [Fact]
    public void Dataset_WithoutStart_BeginsAtTheTimeProvidersNow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 4, 5, 6, 7, 891, TimeSpan.Zero).AddTicks(1234));
        var stream = DataGenerator.Open(GeneratorDatasets.CustomerActivity, GeneratorSettings.Default with { DisorderRatio = 0 }, clock, 1);

        Assert.True(stream.MoveNext());

        Assert.Equal(new EventTime(EventTime.FromDateTimeOffset(new DateTimeOffset(2027, 3, 4, 5, 6, 7, 891, TimeSpan.Zero)).Ticks), stream.Start);
        Assert.Equal("2027-03-04T05:06:07.891Z", JsonDocument.Parse(stream.Value.ToArray()).RootElement.GetProperty("timestamp").GetString());
    }

    private static DateTimeOffset Timestamp(GeneratedRecord record) => record.Parse().GetProperty("timestamp").GetDateTimeOffset();
}
