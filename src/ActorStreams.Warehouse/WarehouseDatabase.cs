using ActorStreams.Warehouse.Internal;
using ActorStreams.Warehouse.Lake;
using DuckDB.NET.Data;

namespace ActorStreams.Warehouse;

/// <summary>
/// The warehouse: an embedded DuckDB database file with one table per lake dataset (the file's columns plus
/// <c>lake_hour</c> and <c>lake_file</c>), <c>kpi_hourly</c>, <c>load_log</c> and <c>quality_results</c>.
/// </summary>
public sealed class WarehouseDatabase : IDisposable
{
    private WarehouseDatabase(string path, DuckDBConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    internal DuckDBConnection Connection { get; }

    /// <summary>Opens the database at <paramref name="path"/>, creating the file, its folder and the tables when <paramref name="create"/> is set.</summary>
    /// <exception cref="WarehouseException">The file is missing (and not to be created) or cannot be opened.</exception>
    public static WarehouseDatabase Open(string path, bool create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!create && !File.Exists(full))
        {
            throw new WarehouseException($"warehouse not found: {path} (run ./actorstreams warehouse load first, or name it with --warehouse PATH)");
        }

        DuckDBConnection connection;
        try
        {
            if (create)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            }

            connection = DuckDb.Open(full);
        }
        catch (Exception e) when (e is DuckDBException or IOException or UnauthorizedAccessException)
        {
            throw new WarehouseException($"cannot open the warehouse {path}: {e.Message}", e);
        }

        var database = new WarehouseDatabase(path, connection);
        if (create)
        {
            database.CreateTables();
        }

        return database;
    }

    /// <summary>The <c>CREATE TABLE</c> of a dataset's table: its file's columns, then the hour and file it was loaded from.</summary>
    internal static string DatasetTableDdl(LakeDataset dataset) =>
        $"CREATE TABLE IF NOT EXISTS {dataset.Table} (\n  "
        + string.Join(",\n  ", LakeSchemas.Expected(dataset).Select(c => $"{Sql.Identifier(c.Name)} {c.Type}"))
        + ",\n  lake_hour TIMESTAMP WITH TIME ZONE NOT NULL,\n  lake_file VARCHAR NOT NULL\n)";

    private void CreateTables()
    {
        foreach (var dataset in LakeDataset.All)
        {
            DuckDb.Execute(Connection, DatasetTableDdl(dataset));
        }

        DuckDb.Execute(Connection, """
            CREATE TABLE IF NOT EXISTS kpi_hourly (
              hour TIMESTAMP WITH TIME ZONE NOT NULL,
              currency VARCHAR NOT NULL,
              revenue DECIMAL(38, 2) NOT NULL,
              transactions BIGINT NOT NULL,
              avg_order_value DOUBLE NOT NULL,
              distinct_customers BIGINT NOT NULL,
              active_customers BIGINT NOT NULL,
              converted_customers BIGINT NOT NULL,
              conversion DOUBLE,
              fraud_alerts BIGINT NOT NULL,
              fraud_rate DOUBLE NOT NULL
            )
            """);
        DuckDb.Execute(Connection, "CREATE SEQUENCE IF NOT EXISTS load_log_id");
        DuckDb.Execute(Connection, """
            CREATE TABLE IF NOT EXISTS load_log (
              load_id BIGINT NOT NULL DEFAULT nextval('load_log_id'),
              hour TIMESTAMP WITH TIME ZONE NOT NULL,
              status VARCHAR NOT NULL,
              started_at TIMESTAMP WITH TIME ZONE NOT NULL,
              finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
              lake VARCHAR NOT NULL,
              file_count INTEGER NOT NULL,
              files VARCHAR NOT NULL,
              row_count BIGINT NOT NULL,
              failures VARCHAR
            )
            """);
        DuckDb.Execute(Connection, """
            CREATE TABLE IF NOT EXISTS quality_results (
              load_id BIGINT NOT NULL,
              hour TIMESTAMP WITH TIME ZONE NOT NULL,
              check_name VARCHAR NOT NULL,
              dataset VARCHAR NOT NULL,
              file VARCHAR,
              message VARCHAR NOT NULL
            )
            """);
    }

    /// <inheritdoc/>
    public void Dispose() => Connection.Dispose();
}
