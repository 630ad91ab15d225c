using System.Globalization;

namespace ActorStreams.Warehouse.Internal;

/// <summary>
/// SQL literals. The warehouse writes literal values into its queries (never user text: hours and instants are parsed
/// first) so that a report can print the exact query that produced each figure, runnable as it stands.
/// </summary>
internal static class Sql
{
    public static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Timestamp(DateTimeOffset instant) =>
        "TIMESTAMPTZ '" + instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+00'";

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>read_parquet([...])</c> of exactly these files, without hive columns, with the <c>filename</c> column.</summary>
    public static string ReadParquet(IEnumerable<string> paths) =>
        "read_parquet([" + string.Join(", ", paths.Select(Text)) + "], hive_partitioning = false, filename = true)";
}
