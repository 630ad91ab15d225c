using ActorStreams.Warehouse.Jobs;
using ActorStreams.Warehouse.Tests.Fixtures;

namespace ActorStreams.Warehouse.Tests.Jobs;

[Trait("Category", "Integration")]
public sealed class HourlyJobTests
{
    [Fact]
    public async Task Run_StandardLake_LoadsThePendingHoursAndSummarisesTheirKpis()
    {
        using var lake = TestLake.CreateStandard();
        var settings = WarehouseSettings.Default with { LakeUri = lake.Root, Path = lake.WarehousePath };

        var first = await HourlyJob.RunAsync(settings, TimeProvider.System, CancellationToken.None);
        var second = await HourlyJob.RunAsync(settings, TimeProvider.System, CancellationToken.None);

        Assert.Null(first.Error);
        Assert.Equal(3, first.Load.Hours.Count);
        var usd = lake.Transactions.Where(t => !t.Duplicate && t.Currency == "USD").ToList();
        var line = first.Kpis.Single(k => k.Currency == "USD");
        Assert.Equal(usd.Count, line.Transactions);
        Assert.Equal(Math.Round((decimal)usd.Sum(t => t.Amount), 2), line.Revenue);
        Assert.Equal(lake.FraudAlerts.Count(a => lake.Transactions.Any(t => t.TransactionId == a.TransactionId && t.Currency == "USD")), line.FraudAlerts);
        Assert.Contains("loaded 3 hour(s)", first.Summary, StringComparison.Ordinal);
        Assert.StartsWith("healthy: lake ", first.Summary, StringComparison.Ordinal);
        // Nothing changed in the lake: the next run loads nothing.
        Assert.Empty(second.Load.Hours);
        Assert.Equal(3, second.Load.Unchanged);
        Assert.Empty(second.Kpis);
    }

    [Fact]
    public async Task Run_FailingHour_ReportsTheFailedCheckAsError()
    {
        using var lake = TestLake.CreateStandard();
        lake.WriteTransactions([new TxRow("t-99", 101, "books", -5, "USD", "US", "Seattle", TestLake.At(7, 50), 1, 4)]);
        var settings = WarehouseSettings.Default with { LakeUri = lake.Root, Path = lake.WarehousePath };

        var result = await HourlyJob.RunAsync(settings, TimeProvider.System, CancellationToken.None);

        Assert.NotNull(result.Error);
        Assert.Contains("1 hour(s) failed the data-quality checks", result.Error, StringComparison.Ordinal);
        Assert.Contains("amount-bounds", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://bucket/lake", "is on S3")]
    [InlineData("", "no lake configured")]
    public async Task Run_LakeNotADirectory_FailsWithAClearMessage(string uri, string expected)
    {
        var settings = WarehouseSettings.Default with { LakeUri = uri };

        var error = await Assert.ThrowsAsync<WarehouseException>(() => HourlyJob.RunAsync(settings, TimeProvider.System, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("actorstreams.lake.uri", error.Message, StringComparison.Ordinal);
    }
}
