using System.Text;

namespace ActorStreams.Warehouse.Reports;

/// <summary>Writes a report as Markdown (its tables, then "How this was computed" with each table's query) and one CSV per table.</summary>
public static class ReportFiles
{
    /// <summary>Writes <paramref name="report"/> into <paramref name="directory"/> (created when missing) and returns the files' paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(WarehouseReport report, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        var markdown = Path.Combine(directory, report.FileStem + ".md");
        await File.WriteAllTextAsync(markdown, Markdown(report), cancellationToken).ConfigureAwait(false);
        paths.Add(markdown);
        foreach (var table in report.Tables)
        {
            var csv = Path.Combine(directory, $"{report.FileStem}-{table.Slug}.csv");
            await File.WriteAllTextAsync(csv, Csv(table), cancellationToken).ConfigureAwait(false);
            paths.Add(csv);
        }

        return paths;
    }

    /// <summary>The report as Markdown.</summary>
    public static string Markdown(WarehouseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("# ").Append(report.Title).Append("\n\n").Append(report.Notes).Append('\n');
        foreach (var table in report.Tables)
        {
            text.Append("\n## ").Append(table.Title).Append("\n\n");
            text.Append("| ").AppendJoin(" | ", table.Columns.Select(c => c.Name)).Append(" |\n");
            text.Append('|').AppendJoin('|', table.Columns.Select(c => c.Numeric ? "---:" : "---")).Append("|\n");
            foreach (var row in table.Rows)
            {
                text.Append("| ").AppendJoin(" | ", row.Select(v => v is null ? "n/a" : ReportTable.Format(v).Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
            }

            if (table.Rows.Count == 0)
            {
                text.Append("\n(no rows)\n");
            }
        }

        text.Append("\n## How this was computed\n\nEach table is the result of one query on the warehouse (DuckDB), as it ran:\n");
        foreach (var table in report.Tables)
        {
            text.Append("\n### ").Append(table.Title).Append("\n\n```sql\n").Append(table.Sql.Trim()).Append("\n```\n");
        }

        return text.ToString();
    }

    /// <summary>A table as CSV (RFC 4180): a header line, then one line per row; null is empty.</summary>
    public static string Csv(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => Quote(c.Name))).Append('\n');
        foreach (var row in table.Rows)
        {
            text.AppendJoin(',', row.Select(v => Quote(ReportTable.Format(v)))).Append('\n');
        }

        return text.ToString();
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
