using System.Globalization;
using ActorStreams.Warehouse.Internal;
using ActorStreams.Warehouse.Lake;
using ActorStreams.Warehouse.Quality;
using DuckDB.NET.Data;

namespace ActorStreams.Warehouse;

/// <summary>
/// Loads lake hours into the warehouse. Each hour is checked first (<see cref="QualityCheck"/>); when every check
/// passes, its rows replace the hour's rows of every table and of <c>kpi_hourly</c> in one transaction, so loading an
/// hour twice leaves what loading it once does. Every attempt is recorded in <c>load_log</c> with the hour's file list,
/// and a failed one in <c>quality_results</c> with its findings.
/// </summary>
public sealed class WarehouseLoader(WarehouseDatabase database, ILakeStore lake, WarehouseSettings settings, TimeProvider time)
{
    /// <summary>Loads the hours <paramref name="selection"/> names; an hour that fails a check does not stop the others.</summary>
    /// <exception cref="WarehouseException">The lake cannot be listed or read, the hour asked for has no files, or the database fails.</exception>
    public async Task<WarehouseLoadResult> LoadAsync(LoadSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var files = await lake.ListAsync(cancellationToken).ConfigureAwait(false);
        var byHour = files.GroupBy(f => f.Hour).ToDictionary(g => g.Key, g => (IReadOnlyList<LakeFile>)[.. g]);
        var (targets, unchanged) = SelectHours(selection, byHour);
        if (targets.Count == 0)
        {
            return new WarehouseLoadResult([], unchanged);
        }

        var local = new List<LocalFile>(files.Count);
        foreach (var file in files)
        {
            local.Add(new LocalFile(file, await lake.LocalPathAsync(file, cancellationToken).ConfigureAwait(false)));
        }

        try
        {
            return new WarehouseLoadResult(Run(targets, local, cancellationToken), unchanged);
        }
        catch (DuckDBException e)
        {
            throw new WarehouseException($"loading {lake.Location} into {database.Path} failed: {e.Message}", e);
        }
    }

    private (List<LakeHour> Targets, int Unchanged) SelectHours(LoadSelection selection, Dictionary<LakeHour, IReadOnlyList<LakeFile>> byHour)
    {
        if (selection.Hour is { } hour)
        {
            return byHour.ContainsKey(hour)
                ? ([hour], 0)
                : throw new WarehouseException($"hour {hour} has no files in the lake {lake.Location} (no <dataset>/{hour.PartitionPath}/*.parquet)");
        }

        if (selection.Since is { } since)
        {
            return ([.. byHour.Keys.Where(h => h.End > since).Order()], 0);
        }

        var loaded = LoadedListings();
        var pending = byHour.Where(h => !loaded.TryGetValue(h.Key, out var listing) || listing != Listing(h.Value)).Select(h => h.Key).Order().ToList();
        return (pending, byHour.Count - pending.Count);
    }

    /// <summary>The file listing of each hour's latest successful load.</summary>
    private Dictionary<LakeHour, string> LoadedListings()
    {
        var (_, rows) = DuckDb.Query(database.Connection,
            "SELECT hour, arg_max(files, load_id) FROM load_log WHERE status = 'loaded' GROUP BY hour");
        return rows.ToDictionary(r => LakeHour.Of(QualityChecker.ToInstant(r[0])), r => (string)r[1]!);
    }

    private static string Listing(IEnumerable<LakeFile> files) => string.Join('\n', files.Select(f => f.ListingLine).Order(StringComparer.Ordinal));

    private List<HourLoadResult> Run(List<LakeHour> targets, List<LocalFile> local, CancellationToken cancellationToken)
    {
        var checker = new QualityChecker(database.Connection, settings);
        checker.RegisterFiles(local);
        var targetSet = targets.ToHashSet();

        // The schema check covers the hours to load and every file the lake-wide offset check reads.
        var valid = new HashSet<LakeFile>();
        var schemaFindings = checker.CheckSchemas(
            local.Where(f => targetSet.Contains(f.File.Hour) || IsOffsetSource(f.File.Dataset)), valid);
        var offsetFindings = checker.CheckOffsets([.. local.Where(f => valid.Contains(f.File) && IsOffsetSource(f.File.Dataset))], targetSet);

        var results = new List<HourLoadResult>();
        foreach (var hour in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = time.GetUtcNow();
            var hourFiles = local.Where(f => f.File.Hour == hour).ToList();
            var findings = schemaFindings.Where(f => f.Hour == hour)
                .Concat(offsetFindings.Where(f => f.Hour == hour))
                .Concat(checker.CheckHour(hour, [.. hourFiles.Where(f => valid.Contains(f.File))]))
                .ToList();
            results.Add(findings.Count > 0 ? RecordFailure(hour, hourFiles, findings, started) : Replace(hour, hourFiles, started));
        }

        return results;
    }

    private static bool IsOffsetSource(LakeDataset dataset) =>
        dataset == LakeDataset.Transactions || dataset == LakeDataset.CustomerActivity || dataset == LakeDataset.DeadLetters;

    private HourLoadResult Replace(LakeHour hour, List<LocalFile> files, DateTimeOffset started)
    {
        var h = Sql.Timestamp(hour.Start);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        using var transaction = database.Connection.BeginTransaction();
        foreach (var dataset in LakeDataset.All)
        {
            DuckDb.Execute(database.Connection, $"DELETE FROM {dataset.Table} WHERE lake_hour = {h}");
            var paths = files.Where(f => f.File.Dataset == dataset).Select(f => f.Path).ToList();
            if (paths.Count == 0)
            {
                rows[dataset.Table] = 0;
                continue;
            }

            var columns = LakeSchemas.Expected(dataset).Select(c => Sql.Identifier(c.Name)).ToList();
            rows[dataset.Table] = DuckDb.Execute(database.Connection,
                $"INSERT INTO {dataset.Table} ({string.Join(", ", columns)}, lake_hour, lake_file) " +
                $"SELECT {string.Join(", ", columns.Select(c => "r." + c))}, {h}, f.relative " +
                $"FROM {Sql.ReadParquet(paths)} r JOIN lake_files f ON f.path = r.filename");
        }

        DuckDb.Execute(database.Connection, $"DELETE FROM kpi_hourly WHERE hour = {h}");
        DuckDb.Execute(database.Connection, "INSERT INTO kpi_hourly " + KpiSql.Hourly(hour));
        InsertLog(hour, "loaded", files, rows.Values.Sum(), null, started);
        transaction.Commit();
        return new HourLoadResult(hour, HourLoadStatus.Loaded, [.. files.Select(f => f.File)], rows, []);
    }

    private HourLoadResult RecordFailure(LakeHour hour, List<LocalFile> files, List<QualityFinding> findings, DateTimeOffset started)
    {
        using var transaction = database.Connection.BeginTransaction();
        var loadId = InsertLog(hour, "failed", files, 0, string.Join('\n', findings.Select(f => f.ToString())), started);
        foreach (var chunk in findings.Chunk(200))
        {
            DuckDb.Execute(database.Connection, "INSERT INTO quality_results VALUES " + string.Join(", ", chunk.Select(f =>
                string.Create(CultureInfo.InvariantCulture,
                    $"({loadId}, {Sql.Timestamp(hour.Start)}, {Sql.Text(f.CheckName)}, {Sql.Text(f.Dataset)}, {(f.File is null ? "NULL" : Sql.Text(f.File))}, {Sql.Text(f.Message)})"))));
        }

        transaction.Commit();
        return new HourLoadResult(hour, HourLoadStatus.Failed, [.. files.Select(f => f.File)], new Dictionary<string, long>(), findings);
    }

    private long InsertLog(LakeHour hour, string status, List<LocalFile> files, long rows, string? failures, DateTimeOffset started)
    {
        var sql = string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO load_log (hour, status, started_at, finished_at, lake, file_count, files, row_count, failures) VALUES (" +
            $"{Sql.Timestamp(hour.Start)}, {Sql.Text(status)}, {Sql.Timestamp(started)}, {Sql.Timestamp(time.GetUtcNow())}, {Sql.Text(lake.Location)}, " +
            $"{files.Count}, {Sql.Text(Listing(files.Select(f => f.File)))}, {rows}, {(failures is null ? "NULL" : Sql.Text(failures))}) RETURNING load_id");
        return Convert.ToInt64(DuckDb.Scalar(database.Connection, sql), CultureInfo.InvariantCulture);
    }
}
