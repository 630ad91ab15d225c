using ActorStreams.Warehouse.Lake;

namespace ActorStreams.Warehouse.Internal;

/// <summary>The query that computes an hour's rows of <c>kpi_hourly</c> from the loaded tables.</summary>
internal static class KpiSql
{
    /// <summary>
    /// One row per currency of the hour's non-duplicate transactions. Conversion is the share of the hour's active
    /// customers (with customer activity) who paid in that currency in the same hour; null when the hour has no activity.
    /// Fraud alerts count the hour's alerts on those transactions.
    /// </summary>
    public static string Hourly(LakeHour hour)
    {
        var h = Sql.Timestamp(hour.Start);
        return $"""
            WITH tx AS (
              SELECT transaction_id, customer_id, currency, CAST(amount AS DECIMAL(18, 2)) AS amount
              FROM raw_transactions WHERE lake_hour = {h} AND duplicate IS NOT TRUE),
            active AS (
              SELECT DISTINCT customer_id FROM customer_activity WHERE lake_hour = {h} AND duplicate IS NOT TRUE),
            alerts AS (
              SELECT t.currency, count(*) AS n
              FROM fraud_alerts a JOIN tx t ON t.transaction_id = a.transaction_id
              WHERE a.lake_hour = {h} GROUP BY t.currency),
            per_currency AS (
              SELECT currency, sum(amount) AS revenue, count(*) AS transactions,
                     count(DISTINCT customer_id) AS distinct_customers,
                     count(DISTINCT customer_id) FILTER (WHERE customer_id IN (SELECT customer_id FROM active)) AS converted_customers
              FROM tx GROUP BY currency)
            SELECT {h} AS hour, p.currency, p.revenue, p.transactions,
                   CAST(p.revenue AS DOUBLE) / p.transactions AS avg_order_value,
                   p.distinct_customers,
                   (SELECT count(*) FROM active) AS active_customers,
                   p.converted_customers,
                   CASE WHEN (SELECT count(*) FROM active) = 0 THEN NULL
                        ELSE p.converted_customers / (SELECT count(*) FROM active) END AS conversion,
                   coalesce(a.n, 0) AS fraud_alerts,
                   coalesce(a.n, 0) / p.transactions AS fraud_rate
            FROM per_currency p LEFT JOIN alerts a ON a.currency = p.currency
            ORDER BY p.currency
            """;
    }
}
