using ActorStreams.Warehouse.Quality;
using ActorStreams.Warehouse.Tests.Fixtures;
using static ActorStreams.Warehouse.Tests.Fixtures.TestLake;

namespace ActorStreams.Warehouse.Tests;

/// <summary>Each data-quality check, failing a load on data made to break it (and only that hour).</summary>
[Trait("Category", "Integration")]
public sealed class QualityCheckTests
{
    [Fact]
    public async Task Offsets_GapInAPartition_FailsTheHoursBesideItNamingTheMissingOffsets()
    {
        using var lake = CreateStandard();
        // Partition 1 holds 0-3; offsets 4 and 5 were consumed but are in no file.
        lake.WriteTransactions([new TxRow("t-15", 204, "home", 20, "USD", "US", "Austin", At(7, 40), 1, 6)]);

        var result = await WarehouseRun.LoadAsync(lake);

        var findings = Failed(result);
        Assert.All(findings, f => Assert.Equal((QualityCheck.Offsets, WarehouseRun.Hour(7), "transactions"), (f.Check, f.Hour, f.Dataset)));
        Assert.All(findings, f => Assert.Contains("topic transactions partition 1: offsets 4-5 (2 offsets) missing", f.Message, StringComparison.Ordinal));
        Assert.Equal([PartPath("transactions", At(7, 0), 1, 3), PartPath("transactions", At(7, 0), 1, 6)], findings.Select(f => f.File).Order());
        Assert.Equal([HourLoadStatus.Loaded, HourLoadStatus.Loaded, HourLoadStatus.Failed], result.Hours.Select(h => h.Status));
    }

    [Fact]
    public async Task Offsets_DeadLetterMissing_FailsWithTheGap()
    {
        using var lake = CreateStandard();
        File.Delete(Path.Combine(lake.Root, PartPath("dead_letters", At(5, 0), 0, 3)));

        var result = await WarehouseRun.LoadAsync(lake);

        var findings = Failed(result).Where(f => f.Check == QualityCheck.Offsets).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Contains("topic transactions partition 0: offset 3 missing", f.Message, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.File == PartPath("transactions", At(5, 0), 0, 0));
    }

    [Fact]
    public async Task Offsets_OffsetHeldByARowAndADeadLetter_FailsAsNotDistinct()
    {
        using var lake = CreateStandard();
        lake.WriteDeadLetters(new DeadLetterRow("transactions", 1, 2, At(6, 20), "bad"));

        var result = await WarehouseRun.LoadAsync(lake);

        var findings = Failed(result).Where(f => f.Check == QualityCheck.Offsets).ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.StartsWith("topic transactions partition 1 offset 2 is held 2 times", f.Message, StringComparison.Ordinal));
        Assert.Equal(["dead_letters", "transactions"], findings.Select(f => f.Dataset).Order());
    }

    [Fact]
    public async Task NullKeys_TransactionWithoutId_FailsNamingColumnAndFile()
    {
        using var lake = CreateStandard();
        var path = lake.WriteTransactions([new TxRow("x", 106, "home", 10, "USD", "US", "Austin", At(7, 40), 0, 10)]).Single();
        lake.WriteSelect(Rel(lake, path), Select("transactions", [Row(tx: "NULL", customer: "NULL", offset: 10)]));

        var finding = Assert.Single(Failed(await WarehouseRun.LoadAsync(lake)));

        Assert.Equal(QualityCheck.NullKeys, finding.Check);
        Assert.Equal(Rel(lake, path), finding.File);
        Assert.Equal("1 row(s) with null transaction_id, 1 row(s) with null customer_id", finding.Message);
    }

    [Fact]
    public async Task DuplicateKeys_TransactionIdAgainInAnotherHourNotFlagged_Fails()
    {
        using var lake = CreateStandard();
        await WarehouseRun.LoadAsync(lake);
        lake.WriteTransactions([new TxRow("t-01", 101, "electronics", 120.50, "USD", "US", "Seattle", At(7, 41), 0, 10)]);

        var finding = Assert.Single(Failed(await WarehouseRun.LoadAsync(lake)));

        Assert.Equal(QualityCheck.DuplicateKeys, finding.Check);
        Assert.Equal(WarehouseRun.Hour(7), finding.Hour);
        Assert.StartsWith("transaction_id t-01 appears 2 times among non-duplicate rows", finding.Message, StringComparison.Ordinal);
        Assert.Contains("transactions/dt=2026-11-22/hour=05/part-node-1-0-0.parquet", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateKeys_FlaggedDuplicate_Passes()
    {
        using var lake = CreateStandard();
        await WarehouseRun.LoadAsync(lake);
        lake.WriteTransactions([new TxRow("t-01", 101, "electronics", 120.50, "USD", "US", "Seattle", At(7, 41), 0, 10, Duplicate: true)]);

        var result = await WarehouseRun.LoadAsync(lake);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task DuplicateKeys_AlertIdTwiceInAnHour_Fails()
    {
        using var lake = CreateStandard();
        lake.WriteFraudAlerts([new FraudAlertRow("t-14", "HIGH_AMOUNT", 203, "jewelry", 1450.00, At(7, 30), 1, 3)]);
        File.Move(Path.Combine(lake.Root, PartPath("fraud_alerts", At(7, 0), 1, 3)), Path.Combine(lake.Root, "fraud_alerts/dt=2026-11-22/hour=07/part-node-2-1-3.parquet"));
        lake.WriteFraudAlerts([new FraudAlertRow("t-14", "HIGH_AMOUNT", 203, "jewelry", 1450.00, At(7, 30), 1, 3)]);

        var finding = Assert.Single(Failed(await WarehouseRun.LoadAsync(lake)));

        Assert.Equal(QualityCheck.DuplicateKeys, finding.Check);
        Assert.Equal("fraud_alerts", finding.Dataset);
        Assert.StartsWith("alert_id t-14:HIGH_AMOUNT appears 2 times", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "smallest 0, largest 0")]
    [InlineData(2e12, "smallest 2000000000000, largest 2000000000000")]
    public async Task AmountBounds_AmountOutside_FailsWithTheValue(double amount, string values)
    {
        using var lake = CreateStandard();
        lake.WriteTransactions([new TxRow("t-20", 106, "home", amount, "USD", "US", "Austin", At(7, 40), 0, 10)]);

        var finding = Assert.Single(Failed(await WarehouseRun.LoadAsync(lake)));

        Assert.Equal(QualityCheck.AmountBounds, finding.Check);
        Assert.Equal($"1 row(s) with amount outside (0, 1000000000000]: {values}", finding.Message);
    }

    [Fact]
    public async Task EventTime_RowInTheWrongHourDirectory_FailsAsLateOrMisplaced()
    {
        using var lake = CreateStandard();
        lake.WriteTransactions([new TxRow("t-21", 106, "home", 10, "USD", "US", "Austin", At(6, 59), 0, 10)], hour: At(7, 0));

        var finding = Assert.Single(Failed(await WarehouseRun.LoadAsync(lake)));

        Assert.Equal(QualityCheck.EventTime, finding.Check);
        Assert.Equal(PartPath("transactions", At(7, 0), 0, 10), finding.File);
        Assert.Equal(
            "1 row(s) with timestamp outside 2026-11-22T07:00Z..08:00Z (late or misplaced): earliest 2026-11-22T06:59:00.000Z, latest 2026-11-22T06:59:00.000Z",
            finding.Message);
    }

    [Fact]
    public async Task Schema_ColumnWithWrongType_FailsNamingColumnAndTypes()
    {
        using var lake = CreateStandard();
        var relative = PartPath("transactions", At(7, 0), 0, 10);
        lake.WriteSelect(relative, Select("transactions", [Row(tx: "'t-22'", customer: "106", offset: 10)]).Replace("CAST(col4 AS DOUBLE)", "CAST(col4 AS VARCHAR)", StringComparison.Ordinal));

        var finding = Assert.Single(Failed(await WarehouseRun.LoadAsync(lake)));

        Assert.Equal(QualityCheck.Schema, finding.Check);
        Assert.Equal(relative, finding.File);
        Assert.Equal("column amount is VARCHAR, expected DOUBLE", finding.Message);
    }

    [Fact]
    public async Task Schema_MissingColumnAndBadName_FailsListingBoth()
    {
        using var lake = CreateStandard();
        lake.WriteSelect("churn_alerts/dt=2026-11-22/hour=07/alerts.parquet", "SELECT 'a:CHURN_RISK' AS alert_id, 1::BIGINT AS customer_id");

        var finding = Assert.Single(Failed(await WarehouseRun.LoadAsync(lake)));

        Assert.Equal(QualityCheck.Schema, finding.Check);
        Assert.Equal("churn_alerts", finding.Dataset);
        Assert.StartsWith(
            "the name is not part-<node>-<partition>-<first offset>.parquet; missing column(s) rule VARCHAR, activity_id BIGINT, activity_type VARCHAR",
            finding.Message,
            StringComparison.Ordinal);
    }

    private static List<QualityFinding> Failed(WarehouseLoadResult result) => [.. result.Hours.SelectMany(h => h.Findings)];

    private static string Rel(TestLake lake, string path) => Path.GetRelativePath(lake.Root, path).Replace('\\', '/');

    /// <summary>A transaction row of hour 07, partition 0, with its id and customer given as SQL literals.</summary>
    private static string[] Row(string tx, string customer, long offset) =>
    [
        tx, customer, Text("m-home-001"), Text("home"), "10.0", Text("USD"), Text("credit_card"), Text("dev-1"), Text("10.0.0.1"), "NULL", "NULL",
        Text("US"), Text("Austin"), Time(At(7, 40)), "NULL", "false", "0", Num(offset),
    ];
}
