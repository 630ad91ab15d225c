using System.Globalization;
using ActorStreams.Warehouse.Internal;
using ActorStreams.Warehouse.Lake;
using DuckDB.NET.Data;

namespace ActorStreams.Warehouse.Jobs;

/// <summary>
/// The <c>hourly</c> job: a health check of the lake and the warehouse, then <c>warehouse load</c> of every hour not
/// loaded yet or whose files changed (with its data-quality checks), then the KPIs of the hours it loaded. The warehouse
/// file is open only while the job runs, so that the CLI's <c>warehouse</c> and <c>report</c> commands can use it between
/// runs (DuckDB lets one process at a time open a database file for writing).
/// </summary>
public static class HourlyJob
{
    /// <summary>Runs the job against the lake and the warehouse of <paramref name="settings"/>.</summary>
    /// <exception cref="WarehouseException">The health check failed: no lake, an S3 lake, a missing directory, a warehouse that cannot be opened; or the load failed.</exception>
    public static async Task<HourlyJobResult> RunAsync(WarehouseSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        var lake = JobLake.Open(JobNames.Hourly, settings.LakeUri);
        IReadOnlyList<LakeFile> files;
        try
        {
            files = await lake.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WarehouseException($"{JobNames.Hourly}: the lake {lake.Location} cannot be listed: {e.Message}", e);
        }

        using var database = WarehouseDatabase.Open(settings.Path, create: true);
        long loads;
        try
        {
            loads = Convert.ToInt64(DuckDb.Scalar(database.Connection, "SELECT count(*) FROM load_log"), CultureInfo.InvariantCulture);
        }
        catch (DuckDBException e)
        {
            throw new WarehouseException($"{JobNames.Hourly}: the warehouse {settings.Path} does not answer: {e.Message}", e);
        }

        var health = string.Create(CultureInfo.InvariantCulture,
            $"healthy: lake {lake.Location} ({files.Count} files in {files.Select(f => f.Hour).Distinct().Count()} hours), warehouse {settings.Path} ({loads} loads logged)");
        var load = await new WarehouseLoader(database, lake, settings, time).LoadAsync(LoadSelection.Pending, cancellationToken).ConfigureAwait(false);
        var loaded = load.Hours.Where(h => h.Status == HourLoadStatus.Loaded).Select(h => Sql.Timestamp(h.Hour.Start)).ToList();
        var kpis = loaded.Count == 0 ? [] : Kpis(database, loaded);
        return new HourlyJobResult(health, load, kpis);
    }

    private static List<KpiLine> Kpis(WarehouseDatabase database, List<string> hours)
    {
        var (_, rows) = DuckDb.Query(database.Connection, $"""
            SELECT currency, sum(revenue), CAST(sum(transactions) AS BIGINT), CAST(sum(fraud_alerts) AS BIGINT)
            FROM kpi_hourly
            WHERE hour IN ({string.Join(", ", hours)})
            GROUP BY currency
            ORDER BY currency
            """);
        return [.. rows.Select(r => new KpiLine(
            (string)r[0]!,
            Convert.ToDecimal(r[1], CultureInfo.InvariantCulture),
            Convert.ToInt64(r[2], CultureInfo.InvariantCulture),
            Convert.ToInt64(r[3], CultureInfo.InvariantCulture)))];
    }
}
