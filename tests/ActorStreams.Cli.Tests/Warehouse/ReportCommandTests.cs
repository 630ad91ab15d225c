using ActorStreams.Warehouse.Tests.Fixtures;

namespace ActorStreams.Cli.Tests.Warehouse;

[Trait("Category", "Integration")]
public sealed class ReportCommandTests
{
    [Fact]
    public async Task ReportKpi_LoadedLake_PrintsTablesAndWritesMarkdownAndCsvWithTheFigures()
    {
        using var lake = TestLake.CreateStandard();
        await CliRunner.RunAsync("warehouse", "load", "--lake", lake.Root, "--warehouse", lake.WarehousePath);
        var output = Path.Combine(lake.Directory, "out");

        var result = await CliRunner.RunAsync("report", "kpi", "--day", "2026-11-22", "--warehouse", lake.WarehousePath, "--out", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var usd = lake.Transactions.Where(t => !t.Duplicate && t.Currency == "USD").ToList();
        var usdRevenue = $"{usd.Sum(t => (decimal)t.Amount):0.00}";
        Assert.Contains("KPI report for 2026-11-22", result.Output, StringComparison.Ordinal);
        Assert.Contains(usdRevenue, result.Output, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "kpi-2026-11-22.md"));
        Assert.Contains($"| USD | {usdRevenue} | {usd.Count} |", markdown, StringComparison.Ordinal);
        Assert.Contains("## How this was computed", markdown, StringComparison.Ordinal);
        Assert.Contains("FROM kpi_hourly", markdown, StringComparison.Ordinal);
        var cities = await File.ReadAllLinesAsync(Path.Combine(output, "kpi-2026-11-22-by-city.csv"));
        Assert.Equal("country,city,currency,revenue,transactions", cities[0]);
        var seattle = lake.Transactions.Where(t => t.City == "Seattle").ToList();
        Assert.Contains($"US,Seattle,USD,{seattle.Sum(t => (decimal)t.Amount):0.00},{seattle.Count}", cities);
        Assert.All(
            ["summary", "conversion", "top-categories", "by-country", "by-city", "hourly"],
            slug => Assert.True(File.Exists(Path.Combine(output, $"kpi-2026-11-22-{slug}.csv")), slug));
    }

    [Fact]
    public async Task ReportFraud_LoadedLake_WritesAlertsAndRatesByRuleAndCategory()
    {
        using var lake = TestLake.CreateStandard();
        await CliRunner.RunAsync("warehouse", "load", "--lake", lake.Root, "--warehouse", lake.WarehousePath);
        var output = Path.Combine(lake.Directory, "out");

        var result = await CliRunner.RunAsync("report", "fraud", "--since", "2026-11-22T00:00:00Z", "--warehouse", lake.WarehousePath, "--out", output);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var transactions = lake.Transactions.Count(t => !t.Duplicate);
        var byRule = await File.ReadAllLinesAsync(Path.Combine(output, "fraud-since-20261122T000000Z-by-rule.csv"));
        Assert.Equal(
            ["rule,alerts,flagged_transactions,transactions,fraud_rate", $"HIGH_AMOUNT,2,2,{transactions},{Math.Round(2.0 / transactions, 4)}"],
            byRule[..2]);
        var byCategory = await File.ReadAllLinesAsync(Path.Combine(output, "fraud-since-20261122T000000Z-by-category.csv"));
        var electronics = lake.Transactions.Count(t => !t.Duplicate && t.Category == "electronics");
        Assert.Contains($"electronics,2,1,{electronics},{Math.Round(2.0 / electronics, 4)}", byCategory);
        Assert.Contains("## How this was computed", await File.ReadAllTextAsync(Path.Combine(output, "fraud-since-20261122T000000Z.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kpi --day 22.11.2026", "--day must be a date such as 2026-11-22, got \"22.11.2026\"")]
    [InlineData("kpi", "Option '--day' is required.")]
    [InlineData("fraud --since 2026-11-22", "--since must be an ISO-8601 instant such as 2026-11-22T05:00:00Z, got \"2026-11-22\"")]
    [InlineData("fraud", "Option '--since' is required.")]
    public async Task Report_BadFlag_Exits2NamingIt(string flags, string message)
    {
        var result = await CliRunner.RunAsync(["report", .. flags.Split(' '), "--warehouse", "/nonexistent/warehouse.duckdb"]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportKpi_MissingWarehouse_Exits1NamingIt()
    {
        var result = await CliRunner.RunAsync("report", "kpi", "--day", "2026-11-22", "--warehouse", "/nonexistent/warehouse.duckdb");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("error: warehouse not found: /nonexistent/warehouse.duckdb (run ./actorstreams warehouse load first", result.Error, StringComparison.Ordinal);
    }
}
