using System.Data.Common;
using DuckDB.NET.Data;

namespace ActorStreams.Warehouse.Internal;

/// <summary>Small helpers over a DuckDB connection: statements, scalars and rows as plain values.</summary>
internal static class DuckDb
{
    public static DuckDBConnection Open(string dataSource)
    {
        var connection = new DuckDBConnection($"Data Source={dataSource}");
        try
        {
            connection.Open();
            // Hours and days are UTC whatever the host's zone (docs/lake.md partitions by UTC event time).
            Execute(connection, "SET TimeZone = 'UTC'");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static int Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>The result's column names and rows (DBNull as null).</summary>
    public static (IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows) Query(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return (columns, rows);
    }
}
