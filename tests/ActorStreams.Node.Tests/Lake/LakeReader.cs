using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorStreams.Lake;
using ActorStreams.Lake.Tests;

namespace ActorStreams.Node.Tests.Lake;

/// <summary>
/// Reads a lake directory with DuckDB's <c>read_parquet</c> (an independent reader, not the sink's code): every row of a
/// dataset as <see cref="LakeRowText"/>, its values spelled as <see cref="LakeRowText.Canonical"/> does for topic records.
/// </summary>
internal static partial class LakeReader
{
    /// <summary>The rows of <paramref name="dataset"/> under <paramref name="root"/> (none when it has no file yet).</summary>
    public static List<LakeRowText> Read(string root, LakeDataset dataset)
    {
        var folder = Path.Combine(root, dataset.Name);
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any())
        {
            return [];
        }

        var columns = dataset.Schema.Columns;
        // Timestamps as UTC epoch milliseconds, so that no time zone conversion of the reader's comes into it.
        var select = string.Join(", ", columns.Select(c => c.Type == LakeColumnType.Timestamp ? $"epoch_ms(\"{c.Name}\")" : $"\"{c.Name}\""));
        var glob = DuckDbReader.Literal(Path.Combine(folder, "**", "*.parquet"));
        var rows = DuckDbReader.Query($"SELECT {select}, filename FROM read_parquet({glob}, filename = true, hive_partitioning = false)");
        var eventTime = dataset.EventTimeColumn is { } name ? dataset.Schema.IndexOf(name) : -1;
        var partition = dataset.Schema.IndexOf(LakeSchema.KafkaPartitionColumn);
        return [.. rows.Select(values => new LakeRowText(
            Path.GetRelativePath(root, (string)values[^1]!).Replace(Path.DirectorySeparatorChar, '/'),
            LakeRowText.Canonical(columns.Select((c, i) => (c, Spell(c, values[i])))),
            eventTime >= 0 && values[eventTime] is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(ms, CultureInfo.InvariantCulture)) : null,
            Convert.ToInt32(values[partition], CultureInfo.InvariantCulture)))];
    }

    /// <summary>The data files under <paramref name="root"/> and the chunks left in its <c>_chunks/</c>, as keys.</summary>
    public static (List<string> DataFiles, List<string> Chunks) Files(string root)
    {
        var all = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal).ToList()
            : [];
        return ([.. all.Where(k => !k.StartsWith("_chunks/", StringComparison.Ordinal))], [.. all.Where(k => k.StartsWith("_chunks/", StringComparison.Ordinal))]);
    }

    /// <summary>The hour of a data file's <c>dt=/hour=</c> directories.</summary>
    public static DateTimeOffset HourOf(string key)
    {
        var match = HourDirectories().Match(key);
        Assert.True(match.Success, $"{key} has no dt=YYYY-MM-DD/hour=HH directories");
        return DateTimeOffset.ParseExact($"{match.Groups[1].Value}T{match.Groups[2].Value}", "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    private static string Spell(LakeColumn column, object? value) => value switch
    {
        null => "null",
        _ => column.Type switch
        {
            LakeColumnType.String => (string)value,
            LakeColumnType.Json => LakeRowText.CanonicalJson(JsonDocument.Parse((string)value).RootElement),
            LakeColumnType.Long or LakeColumnType.Int or LakeColumnType.Timestamp => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            LakeColumnType.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
            LakeColumnType.Boolean => (bool)value ? "true" : "false",
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "unknown column type"),
        },
    };

    [GeneratedRegex(@"/dt=(\d{4}-\d{2}-\d{2})/hour=(\d{2})/")]
    private static partial Regex HourDirectories();
}
