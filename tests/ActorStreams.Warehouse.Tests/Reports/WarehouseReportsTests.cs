using ActorStreams.Warehouse.Reports;
using ActorStreams.Warehouse.Tests.Fixtures;

namespace ActorStreams.Warehouse.Tests.Reports;

/// <summary>The KPI and fraud reports against figures computed in C# from the fixture's rows.</summary>
[Trait("Category", "Integration")]
public sealed class WarehouseReportsTests
{
    private static readonly DateOnly Day = new(2026, 11, 22);

    [Fact]
    public async Task Kpi_StandardLake_RevenueAovConversionCategoriesAndLocationsMatchTheRows()
    {
        using var lake = TestLake.CreateStandard();
        await WarehouseRun.LoadAsync(lake);
        var tx = lake.Transactions.Where(t => !t.Duplicate).ToList();

        var report = Kpi(lake);

        var summary = report.Table("summary");
        var byCurrency = tx.GroupBy(t => t.Currency).OrderByDescending(g => g.Sum(t => (decimal)t.Amount)).ToList();
        Assert.Equal(byCurrency.Select(g => g.Key), Column(summary, "currency"));
        Assert.Equal(byCurrency.Select(g => g.Sum(t => (decimal)t.Amount)), Column(summary, "revenue").Select(Convert.ToDecimal));
        Assert.Equal(byCurrency.Select(g => (long)g.Count()), Column(summary, "transactions").Select(Convert.ToInt64));
        Assert.Equal(byCurrency.Select(g => Math.Round((double)g.Sum(t => (decimal)t.Amount) / g.Count(), 2)), Column(summary, "avg_order_value").Select(Convert.ToDouble));

        var active = lake.Activities.Where(a => !a.Duplicate).Select(a => a.CustomerId).ToHashSet();
        var paying = tx.Select(t => t.CustomerId).ToHashSet();
        var conversion = report.Table("conversion");
        Assert.Equal((long)active.Count, conversion.Cell(0, "active_customers"));
        Assert.Equal(Math.Round((double)active.Count(paying.Contains) / active.Count, 4), conversion.Cell(0, "conversion"));

        var categories = tx.GroupBy(t => (t.Category, t.Currency))
            .Select(g => (g.Key.Category, g.Key.Currency, Revenue: g.Sum(t => (decimal)t.Amount)))
            .OrderByDescending(c => c.Revenue).ThenBy(c => c.Category, StringComparer.Ordinal).Take(10).ToList();
        var top = report.Table("top-categories");
        Assert.Equal(categories.Select(c => $"{c.Category} {c.Currency} {c.Revenue}"), top.Rows.Select(r => $"{r[0]} {r[1]} {r[2]}"));

        var countries = tx.GroupBy(t => (Country: t.Country ?? "(unknown)", t.Currency)).ToDictionary(g => $"{g.Key.Country} {g.Key.Currency}", g => g.Sum(t => (decimal)t.Amount));
        Assert.Equal(countries, report.Table("by-country").Rows.ToDictionary(r => $"{r[0]} {r[1]}", r => Convert.ToDecimal(r[2])));
        var cities = tx.GroupBy(t => (City: t.City ?? "(unknown)", t.Currency)).ToDictionary(g => $"{g.Key.City} {g.Key.Currency}", g => g.Count());
        Assert.Equal(cities, report.Table("by-city").Rows.ToDictionary(r => $"{r[1]} {r[2]}", r => Convert.ToInt32(r[4])));
    }

    [Fact]
    public async Task Fraud_SinceHour06_CountsAlertsAndRatesByRuleAndCategory()
    {
        using var lake = TestLake.CreateStandard();
        await WarehouseRun.LoadAsync(lake);
        var since = TestLake.At(6, 0);
        var tx = lake.Transactions.Where(t => !t.Duplicate && t.Timestamp >= since).ToList();
        var alerts = lake.FraudAlerts.Where(a => a.EventTime >= since).ToList();

        using var database = WarehouseDatabase.Open(lake.WarehousePath, create: false);
        var report = WarehouseReports.Fraud(database, since);

        var byRule = report.Table("by-rule");
        Assert.Equal(
            alerts.GroupBy(a => a.Rule).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count()} {Math.Round((double)g.Count() / tx.Count, 4)}"),
            byRule.Rows.Select(r => $"{r[0]} {r[1]} {r[4]}"));
        var byCategory = report.Table("by-category").Rows.ToDictionary(r => (string)r[0]!, r => (Alerts: Convert.ToInt64(r[1]), Transactions: Convert.ToInt64(r[3]), Rate: r[4]));
        foreach (var category in tx.Select(t => t.Category).Distinct())
        {
            var n = tx.Count(t => t.Category == category);
            var a = alerts.Count(x => x.Category == category);
            Assert.Equal((a, n, (object?)Math.Round((double)a / n, 4)), (byCategory[category].Alerts, byCategory[category].Transactions, byCategory[category].Rate));
        }

        Assert.Equal((long)alerts.Count, report.Table("total").Cell(0, "alerts"));
    }

    [Fact]
    public async Task WriteAsync_KpiReport_WritesMarkdownWithEachQueryAndOneCsvPerTable()
    {
        using var lake = TestLake.CreateStandard();
        await WarehouseRun.LoadAsync(lake);
        var report = Kpi(lake);
        var directory = Path.Combine(lake.Directory, "reports");

        var paths = await ReportFiles.WriteAsync(report, directory, CancellationToken.None);

        Assert.Equal(1 + report.Tables.Count, paths.Count);
        var markdown = await File.ReadAllTextAsync(Path.Combine(directory, "kpi-2026-11-22.md"));
        Assert.Contains("## How this was computed", markdown, StringComparison.Ordinal);
        Assert.All(report.Tables, t => Assert.Contains("```sql\n" + t.Sql.Trim() + "\n```", markdown, StringComparison.Ordinal));
        var csv = await File.ReadAllLinesAsync(Path.Combine(directory, "kpi-2026-11-22-summary.csv"));
        Assert.Equal("currency,revenue,transactions,avg_order_value,fraud_alerts,fraud_rate", csv[0]);
        var usd = lake.Transactions.Where(t => !t.Duplicate && t.Currency == "USD").ToList();
        Assert.StartsWith($"USD,{usd.Sum(t => (decimal)t.Amount):0.00},{usd.Count},", csv[1], StringComparison.Ordinal);
    }

    private static WarehouseReport Kpi(TestLake lake)
    {
        using var database = WarehouseDatabase.Open(lake.WarehousePath, create: false);
        return WarehouseReports.Kpi(database, Day);
    }

    private static IEnumerable<object?> Column(ReportTable table, string name) => Enumerable.Range(0, table.Rows.Count).Select(i => table.Cell(i, name));
}
