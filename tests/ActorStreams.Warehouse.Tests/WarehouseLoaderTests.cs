using ActorStreams.Warehouse.Lake;
using ActorStreams.Warehouse.Tests.Fixtures;

namespace ActorStreams.Warehouse.Tests;

[Trait("Category", "Integration")]
public sealed class WarehouseLoaderTests
{
    private static readonly string[] Tables =
        ["raw_transactions", "customer_activity", "fraud_alerts", "churn_alerts", "merchant_metrics", "dead_letters", "kpi_hourly"];

    [Fact]
    public async Task Load_StandardLake_LoadsEveryHourWithItsRowsAndLogsIt()
    {
        using var lake = TestLake.CreateStandard();

        var result = await WarehouseRun.LoadAsync(lake);

        Assert.True(result.Succeeded, string.Join("\n", result.Hours.SelectMany(h => h.Findings)));
        Assert.Equal([WarehouseRun.Hour(5), WarehouseRun.Hour(6), WarehouseRun.Hour(7)], result.Hours.Select(h => h.Hour));
        Assert.Equal(lake.Transactions.Count, WarehouseRun.Rows(lake, "raw_transactions").Count);
        Assert.Equal(lake.Activities.Count, WarehouseRun.Rows(lake, "customer_activity").Count);
        Assert.Equal(7L, WarehouseRun.Scalar(lake, "SELECT count(*) FROM raw_transactions WHERE lake_hour = TIMESTAMPTZ '2026-11-22 05:00:00+00'"));
        Assert.Equal(
            "transactions/dt=2026-11-22/hour=05/part-node-1-0-8.parquet",
            WarehouseRun.Scalar(lake, "SELECT lake_file FROM raw_transactions WHERE transaction_id = 't-07'"));
        Assert.Equal(3L, WarehouseRun.Scalar(lake, "SELECT count(*) FROM load_log WHERE status = 'loaded'"));
        Assert.Equal(1L, WarehouseRun.Scalar(lake, "SELECT count(*) FROM dead_letters"));
    }

    [Fact]
    public async Task Load_Twice_LeavesWhatLoadingOnceLeaves()
    {
        using var lake = TestLake.CreateStandard();
        await WarehouseRun.LoadAsync(lake);
        var once = Snapshot(lake);

        var again = await WarehouseRun.LoadAsync(lake, new LoadSelection(Since: DateTimeOffset.MinValue));
        var pending = await WarehouseRun.LoadAsync(lake);

        Assert.Equal(3, again.Hours.Count);
        Assert.True(again.Succeeded);
        Assert.Equal(once, Snapshot(lake));
        Assert.Empty(pending.Hours);
        Assert.Equal(3, pending.Unchanged);
        Assert.Equal(6L, WarehouseRun.Scalar(lake, "SELECT count(*) FROM load_log WHERE status = 'loaded'"));
    }

    [Fact]
    public async Task Load_OneHourReloaded_ReplacesOnlyThatHour()
    {
        using var lake = TestLake.CreateStandard();
        await WarehouseRun.LoadAsync(lake);
        var before = WarehouseRun.Rows(lake, "raw_transactions", "lake_hour <> TIMESTAMPTZ '2026-11-22 07:00:00+00'");

        var result = await WarehouseRun.LoadAsync(lake, new LoadSelection(Hour: WarehouseRun.Hour(7)));

        Assert.Equal([WarehouseRun.Hour(7)], result.Hours.Select(h => h.Hour));
        Assert.Equal(before, WarehouseRun.Rows(lake, "raw_transactions", "lake_hour <> TIMESTAMPTZ '2026-11-22 07:00:00+00'"));
        Assert.Equal(2L, WarehouseRun.Scalar(lake, "SELECT count(*) FROM raw_transactions WHERE lake_hour = TIMESTAMPTZ '2026-11-22 07:00:00+00'"));
    }

    [Fact]
    public async Task Load_HourGainedAFile_ReloadsOnlyThatHourByDefault()
    {
        using var lake = TestLake.CreateStandard();
        await WarehouseRun.LoadAsync(lake);
        lake.WriteTransactions([new TxRow("t-09", 106, "home", 50, "USD", "US", "Austin", TestLake.At(7, 45), 0, 10)]);

        var result = await WarehouseRun.LoadAsync(lake);

        Assert.Equal([WarehouseRun.Hour(7)], result.Hours.Select(h => h.Hour));
        Assert.Equal(2, result.Unchanged);
        Assert.Equal(3L, WarehouseRun.Scalar(lake, "SELECT count(*) FROM raw_transactions WHERE lake_hour = TIMESTAMPTZ '2026-11-22 07:00:00+00'"));
    }

    [Fact]
    public async Task Load_FailingHour_ReplacesNothingAndRecordsTheFindings()
    {
        using var lake = TestLake.CreateStandard();
        await WarehouseRun.LoadAsync(lake);
        var before = Snapshot(lake);
        lake.WriteTransactions([new TxRow("t-10", 107, "home", -5, "USD", "US", "Austin", TestLake.At(7, 50), 0, 10)]);

        var result = await WarehouseRun.LoadAsync(lake);

        var hour = Assert.Single(result.Hours);
        Assert.Equal(HourLoadStatus.Failed, hour.Status);
        Assert.False(result.Succeeded);
        Assert.Equal(before, Snapshot(lake));
        Assert.Equal("failed", WarehouseRun.Scalar(lake, "SELECT arg_max(status, load_id) FROM load_log"));
        Assert.Contains("amount outside", (string)WarehouseRun.Scalar(lake, "SELECT arg_max(failures, load_id) FROM load_log")!, StringComparison.Ordinal);
        Assert.Equal("amount-bounds", WarehouseRun.Scalar(lake, "SELECT check_name FROM quality_results"));
        // Still pending: the next default load tries the hour again.
        Assert.Single((await WarehouseRun.LoadAsync(lake)).Hours);
    }

    [Fact]
    public async Task Load_HourWithoutFiles_ThrowsNamingTheHour()
    {
        using var lake = TestLake.CreateStandard();

        var error = await Assert.ThrowsAsync<WarehouseException>(() => WarehouseRun.LoadAsync(lake, new LoadSelection(Hour: WarehouseRun.Hour(9))));

        Assert.Contains("hour 2026-11-22T09 has no files in the lake", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LakeDirectory_Missing_ThrowsNamingTheFlag()
    {
        var error = Assert.Throws<WarehouseException>(() => new LakeDirectory("/nonexistent/lake"));

        Assert.Equal("lake directory not found: /nonexistent/lake (set it with --lake DIR or actorstreams.lake.uri)", error.Message);
    }

    /// <summary>Every table's rows but load_log's (which records each attempt).</summary>
    private static Dictionary<string, List<string>> Snapshot(TestLake lake) => Tables.ToDictionary(t => t, t => WarehouseRun.Rows(lake, t));
}
