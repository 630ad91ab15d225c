using System.Globalization;
using ActorStreams.Warehouse.Internal;
using ActorStreams.Warehouse.Lake;
using DuckDB.NET.Data;

namespace ActorStreams.Warehouse.Jobs;

/// <summary>
/// The <c>fraud-monitor</c> job: fraud alerts by rule and by merchant category in the last interval, against the
/// average per interval over the trailing baseline (24 h). It reads the lake's <c>fraud_alerts</c> files, not the
/// warehouse: their files close a minute after their first row, while the warehouse holds an hour only after the hourly
/// job loaded it, and reading Parquet takes no lock on the warehouse's database file. Alerts count once by
/// <c>alert_id</c>, by event time.
/// </summary>
public static class FraudMonitorJob
{
    /// <summary>The end of the window a run at <paramref name="at"/> evaluates: the last interval boundary at least the delay before it.</summary>
    public static DateTimeOffset WindowEndFor(DateTimeOffset at, JobsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var schedule = new JobSchedule(settings.FraudMonitorInterval, TimeSpan.Zero);
        return schedule.NextAfter(at - settings.FraudMonitorDelay) - settings.FraudMonitorInterval;
    }

    /// <summary>Counts the window ending at <paramref name="windowEnd"/> and its baseline, and finds the spikes.</summary>
    /// <exception cref="WarehouseException">The lake cannot be listed or its files read.</exception>
    public static async Task<FraudMonitorResult> RunAsync(
        ILakeStore lake, JobsSettings settings, DateTimeOffset windowEnd, DateTimeOffset detectedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(settings);
        var windowStart = windowEnd - settings.FraudMonitorInterval;
        var baselineStart = windowStart - settings.FraudMonitorBaseline;
        var files = (await lake.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(f => f.Dataset == LakeDataset.FraudAlerts && f.Hour.End > baselineStart && f.Hour.Start < windowEnd)
            .ToList();
        if (files.Count == 0)
        {
            return new FraudMonitorResult(windowStart, windowEnd, 0, [], []);
        }

        var paths = new List<string>(files.Count);
        foreach (var file in files)
        {
            paths.Add(await lake.LocalPathAsync(file, cancellationToken).ConfigureAwait(false));
        }

        var sql = $"""
            WITH alerts AS (
              SELECT alert_id, any_value(rule) AS rule, any_value(coalesce(merchant_category, '(unknown)')) AS merchant_category,
                     min(event_time) AS event_time
              FROM {Sql.ReadParquet(paths)}
              GROUP BY alert_id),
            scoped AS (
              SELECT rule, merchant_category, event_time >= {Sql.Timestamp(windowStart)} AS in_window
              FROM alerts
              WHERE event_time >= {Sql.Timestamp(baselineStart)} AND event_time < {Sql.Timestamp(windowEnd)})
            SELECT '{FraudSpike.RuleDimension}' AS dimension, rule AS value,
                   count(*) FILTER (WHERE in_window) AS window_count, count(*) FILTER (WHERE NOT in_window) AS baseline_count
            FROM scoped GROUP BY rule
            UNION ALL
            SELECT '{FraudSpike.CategoryDimension}', merchant_category, count(*) FILTER (WHERE in_window), count(*) FILTER (WHERE NOT in_window)
            FROM scoped GROUP BY merchant_category
            ORDER BY 1 DESC, 2
            """;
        IReadOnlyList<object?[]> rows;
        try
        {
            using var connection = DuckDb.Open(":memory:");
            (_, rows) = DuckDb.Query(connection, sql);
        }
        catch (DuckDBException e)
        {
            throw new WarehouseException($"fraud-monitor: reading the fraud_alerts files of {lake.Location} failed: {e.Message}", e);
        }

        var periods = (double)settings.FraudMonitorBaseline.Ticks / settings.FraudMonitorInterval.Ticks;
        var counts = new List<FraudCount>(rows.Count);
        var spikes = new List<FraudSpike>();
        foreach (var row in rows)
        {
            var dimension = (string)row[0]!;
            var value = (string)row[1]!;
            var count = Convert.ToInt64(row[2], CultureInfo.InvariantCulture);
            var baseline = Convert.ToInt64(row[3], CultureInfo.InvariantCulture) / periods;
            var spike = IsSpike(count, baseline, settings);
            counts.Add(new FraudCount(dimension, value, count, baseline, spike));
            if (spike)
            {
                spikes.Add(new FraudSpike(
                    FraudSpike.IdOf(windowStart, dimension, value), windowStart, windowEnd, dimension, value, count, baseline,
                    baseline > 0 ? count / baseline : null, detectedAt));
            }
        }

        return new FraudMonitorResult(windowStart, windowEnd, files.Count, counts, spikes);
    }

    /// <summary>A spike: at least <c>min-alerts</c> alerts and more than <c>spike-factor</c> times the baseline.</summary>
    public static bool IsSpike(long count, double baseline, JobsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return count >= settings.MinAlerts && count > settings.SpikeFactor * baseline;
    }
}
