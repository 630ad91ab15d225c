using System.Globalization;
using ActorStreams.Warehouse.Internal;
using DuckDB.NET.Data;

namespace ActorStreams.Warehouse.Reports;

/// <summary>The reports on the warehouse: KPIs of a day and fraud since an instant. Every figure comes from one printed query.</summary>
public static class WarehouseReports
{
    /// <summary>
    /// The KPI report of <paramref name="day"/> (UTC): revenue, transactions, average order value and fraud rate per
    /// currency, conversion, the hourly KPIs, top categories by revenue, and sales by country and by city.
    /// </summary>
    /// <exception cref="WarehouseException">A query fails (e.g. the file is not a warehouse).</exception>
    public static WarehouseReport Kpi(WarehouseDatabase database, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(database);
        var from = Sql.Timestamp(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var to = Sql.Timestamp(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var rawDay = $"lake_hour >= {from} AND lake_hour < {to} AND duplicate IS NOT TRUE";
        var revenue = "sum(CAST(amount AS DECIMAL(18, 2)))";
        string[] numeric = ["revenue", "transactions", "avg_order_value", "fraud_alerts", "fraud_rate", "active_customers", "paying_customers",
            "converted_customers", "conversion", "distinct_customers"];
        var tables = new List<ReportTable>
        {
            Table(database, numeric, "Summary by currency", "summary", $"""
                SELECT currency, sum(revenue) AS revenue, CAST(sum(transactions) AS BIGINT) AS transactions,
                       CAST(round(CAST(sum(revenue) AS DOUBLE) / sum(transactions), 2) AS DECIMAL(18, 2)) AS avg_order_value,
                       CAST(sum(fraud_alerts) AS BIGINT) AS fraud_alerts,
                       round(sum(fraud_alerts) / sum(transactions), 4) AS fraud_rate
                FROM kpi_hourly
                WHERE hour >= {from} AND hour < {to}
                GROUP BY currency
                ORDER BY revenue DESC, currency
                """),
            Table(database, numeric, "Conversion", "conversion", $"""
                WITH active AS (SELECT DISTINCT customer_id FROM customer_activity WHERE {rawDay}),
                     paying AS (SELECT DISTINCT customer_id FROM raw_transactions WHERE {rawDay})
                SELECT (SELECT count(*) FROM active) AS active_customers,
                       (SELECT count(*) FROM paying) AS paying_customers,
                       (SELECT count(*) FROM active WHERE customer_id IN (SELECT customer_id FROM paying)) AS converted_customers,
                       CASE WHEN (SELECT count(*) FROM active) = 0 THEN NULL
                            ELSE round((SELECT count(*) FROM active WHERE customer_id IN (SELECT customer_id FROM paying))
                                       / (SELECT count(*) FROM active), 4) END AS conversion
                """),
            Table(database, numeric, "Top categories by revenue", "top-categories", $"""
                SELECT merchant_category, currency, {revenue} AS revenue, count(*) AS transactions
                FROM raw_transactions
                WHERE {rawDay}
                GROUP BY merchant_category, currency
                ORDER BY revenue DESC, merchant_category, currency
                LIMIT 10
                """),
            Table(database, numeric, "Sales by country", "by-country", $"""
                SELECT coalesce(country, '(unknown)') AS country, currency, {revenue} AS revenue, count(*) AS transactions
                FROM raw_transactions
                WHERE {rawDay}
                GROUP BY ALL
                ORDER BY revenue DESC, country, currency
                """),
            Table(database, numeric, "Sales by city", "by-city", $"""
                SELECT coalesce(country, '(unknown)') AS country, coalesce(city, '(unknown)') AS city, currency,
                       {revenue} AS revenue, count(*) AS transactions
                FROM raw_transactions
                WHERE {rawDay}
                GROUP BY ALL
                ORDER BY revenue DESC, country, city, currency
                """),
            Table(database, numeric, "Hourly KPIs", "hourly", $"""
                SELECT hour, currency, revenue, transactions, CAST(round(avg_order_value, 2) AS DECIMAL(18, 2)) AS avg_order_value,
                       distinct_customers, active_customers, round(conversion, 4) AS conversion,
                       fraud_alerts, round(fraud_rate, 4) AS fraud_rate
                FROM kpi_hourly
                WHERE hour >= {from} AND hour < {to}
                ORDER BY hour, currency
                """),
        };
        var stamp = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new WarehouseReport(
            $"KPI report for {stamp}",
            $"kpi-{stamp}",
            $"From the warehouse {database.Path}, hours {stamp}T00 to {stamp}T23 (UTC, by event time). Only non-duplicate transactions count; " +
            "amounts are summed per currency and never converted. Conversion is the share of customers with customer activity that day who also paid that day " +
            "(empty without activity). Fraud rate is fraud alerts per transaction.",
            tables);
    }

    /// <summary>The fraud report since <paramref name="since"/>: alerts and fraud rate overall, by rule and by merchant category.</summary>
    /// <exception cref="WarehouseException">A query fails.</exception>
    public static WarehouseReport Fraud(WarehouseDatabase database, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(database);
        var t = Sql.Timestamp(since);
        var transactions = $"SELECT count(*) FROM raw_transactions WHERE \"timestamp\" >= {t} AND duplicate IS NOT TRUE";
        string[] numeric = ["alerts", "flagged_transactions", "transactions", "fraud_rate"];
        var tables = new List<ReportTable>
        {
            Table(database, numeric, "Total", "total", $"""
                SELECT count(*) AS alerts, count(DISTINCT transaction_id) AS flagged_transactions,
                       ({transactions}) AS transactions,
                       round(count(*) / NULLIF(({transactions}), 0), 4) AS fraud_rate
                FROM fraud_alerts
                WHERE event_time >= {t}
                """),
            Table(database, numeric, "By rule", "by-rule", $"""
                SELECT rule, count(*) AS alerts, count(DISTINCT transaction_id) AS flagged_transactions,
                       ({transactions}) AS transactions,
                       round(count(*) / NULLIF(({transactions}), 0), 4) AS fraud_rate
                FROM fraud_alerts
                WHERE event_time >= {t}
                GROUP BY rule
                ORDER BY alerts DESC, rule
                """),
            Table(database, numeric, "By merchant category", "by-category", $"""
                WITH tx AS (
                       SELECT merchant_category, count(*) AS transactions FROM raw_transactions
                       WHERE "timestamp" >= {t} AND duplicate IS NOT TRUE GROUP BY merchant_category),
                     al AS (
                       SELECT merchant_category, count(*) AS alerts, count(DISTINCT transaction_id) AS flagged_transactions
                       FROM fraud_alerts WHERE event_time >= {t} GROUP BY merchant_category)
                SELECT coalesce(tx.merchant_category, al.merchant_category) AS merchant_category,
                       coalesce(al.alerts, 0) AS alerts, coalesce(al.flagged_transactions, 0) AS flagged_transactions,
                       coalesce(tx.transactions, 0) AS transactions,
                       round(coalesce(al.alerts, 0) / NULLIF(tx.transactions, 0), 4) AS fraud_rate
                FROM tx FULL OUTER JOIN al ON al.merchant_category = tx.merchant_category
                ORDER BY alerts DESC, merchant_category
                """),
        };
        var stamp = since.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new WarehouseReport(
            $"Fraud report since {stamp}",
            $"fraud-since-{since.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
            $"From the warehouse {database.Path}: fraud alerts whose transaction's event time is at or after {stamp}, and the non-duplicate transactions of that time. " +
            "Fraud rate is alerts per transaction (a transaction can fire several rules); flagged transactions count each transaction once.",
            tables);
    }

    private static ReportTable Table(WarehouseDatabase database, string[] numeric, string title, string slug, string sql)
    {
        try
        {
            var (columns, rows) = DuckDb.Query(database.Connection, sql);
            return new ReportTable(title, slug, sql, [.. columns.Select(c => new ReportColumn(c, numeric.Contains(c)))], [.. rows]);
        }
        catch (DuckDBException e)
        {
            throw new WarehouseException($"report table \"{title}\" failed on {database.Path}: {e.Message}", e);
        }
    }
}
