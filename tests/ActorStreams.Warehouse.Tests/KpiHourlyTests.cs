using System.Globalization;
using ActorStreams.Warehouse.Internal;
using ActorStreams.Warehouse.Tests.Fixtures;

namespace ActorStreams.Warehouse.Tests;

/// <summary><c>kpi_hourly</c> against a straightforward computation over the fixture's rows.</summary>
[Trait("Category", "Integration")]
public sealed class KpiHourlyTests
{
    [Fact]
    public async Task Load_StandardLake_KpiHourlyEqualsTheFiguresComputedFromTheRows()
    {
        using var lake = TestLake.CreateStandard();
        await WarehouseRun.LoadAsync(lake);

        var expected = Expected(lake);
        using var database = WarehouseDatabase.Open(lake.WarehousePath, create: false);
        var (_, rows) = DuckDb.Query(database.Connection,
            "SELECT hour, currency, revenue, transactions, avg_order_value, distinct_customers, active_customers, converted_customers, conversion, fraud_alerts, fraud_rate " +
            "FROM kpi_hourly ORDER BY hour, currency");

        Assert.Equal(expected.Select(e => (e.Hour, e.Currency)), rows.Select(r => (Instant(r[0]), (string)r[1]!)));
        foreach (var (e, r) in expected.Zip(rows))
        {
            Assert.Equal(e.Revenue, (decimal)r[2]!);
            Assert.Equal(e.Transactions, (long)r[3]!);
            Assert.Equal(e.Aov, (double)r[4]!, 9);
            Assert.Equal(e.Customers, (long)r[5]!);
            Assert.Equal(e.Active, (long)r[6]!);
            Assert.Equal(e.Converted, (long)r[7]!);
            Assert.Equal(e.Conversion, (double?)r[8]);
            Assert.Equal(e.Alerts, (long)r[9]!);
            Assert.Equal(e.FraudRate, (double)r[10]!, 9);
        }

        // The fixture's edges are in the figures: the duplicate t-05 does not count, the late t-07 counts in hour 05, hour 07 has no activity.
        Assert.Contains(expected, e => e.Hour.Hour == 7 && e.Conversion is null);
        Assert.Equal(1, expected.Single(e => e.Hour.Hour == 6 && e.Currency == "EUR").Alerts);
    }

    internal static List<ExpectedKpi> Expected(TestLake lake)
    {
        var result = new List<ExpectedKpi>();
        var transactions = lake.Transactions.Where(t => !t.Duplicate).ToList();
        foreach (var group in transactions.GroupBy(t => (Hour: Floor(t.Timestamp), t.Currency)).OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Currency, StringComparer.Ordinal))
        {
            var active = lake.Activities.Where(a => !a.Duplicate && Floor(a.Timestamp!.Value) == group.Key.Hour).Select(a => a.CustomerId).ToHashSet();
            var customers = group.Select(t => t.CustomerId).ToHashSet();
            var ids = group.Select(t => t.TransactionId).ToHashSet();
            var revenue = group.Sum(t => (decimal)t.Amount);
            var count = group.Count();
            var converted = customers.Count(active.Contains);
            var alerts = lake.FraudAlerts.Count(a => Floor(a.EventTime) == group.Key.Hour && ids.Contains(a.TransactionId));
            result.Add(new ExpectedKpi(group.Key.Hour, group.Key.Currency, revenue, count, (double)revenue / count, customers.Count, active.Count, converted,
                active.Count == 0 ? null : (double)converted / active.Count, alerts, (double)alerts / count));
        }

        return result;
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Instant(object? value) => value switch
    {
        DateTimeOffset o => o.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    internal sealed record ExpectedKpi(
        DateTimeOffset Hour, string Currency, decimal Revenue, long Transactions, double Aov, long Customers, long Active, long Converted,
        double? Conversion, long Alerts, double FraudRate);
}
