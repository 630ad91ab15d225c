using System.Globalization;

namespace ActorStreams.Warehouse.Reports;

/// <summary>One table of a report with the query that produced it, runnable as printed against the warehouse.</summary>
/// <param name="Title">The table's heading.</param>
/// <param name="Slug">Its short name, which names its CSV file.</param>
/// <param name="Sql">The query.</param>
/// <param name="Columns">The result's columns.</param>
/// <param name="Rows">The result's rows (null for SQL NULL).</param>
public sealed record ReportTable(string Title, string Slug, string Sql, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>A value as the report shows it: invariant culture, timestamps in ISO-8601 UTC, empty for null.</summary>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
        double x => x.ToString("0.####", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.00##", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>The cell at <paramref name="row"/> and the column named <paramref name="column"/>.</summary>
    public object? Cell(int row, string column)
    {
        var index = Columns.Select(c => c.Name).ToList().IndexOf(column);
        return index < 0 ? throw new ArgumentException($"table {Slug} has no column {column}", nameof(column)) : Rows[row][index];
    }
}
