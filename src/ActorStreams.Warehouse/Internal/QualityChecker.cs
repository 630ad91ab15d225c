using System.Globalization;
using ActorStreams.Warehouse.Lake;
using ActorStreams.Warehouse.Quality;
using DuckDB.NET.Data;

namespace ActorStreams.Warehouse.Internal;

/// <summary>
/// Runs the data-quality checks of docs/lake.md, Warehouse, over lake files registered in the connection's temporary
/// table <c>lake_files(path, relative, dataset, hour)</c>. Every finding names the dataset, the hour, the file and what is wrong.
/// </summary>
internal sealed class QualityChecker(DuckDBConnection connection, WarehouseSettings settings)
{
    /// <summary>Findings listed per check, dataset and hour before the rest are summed up in one line.</summary>
    private const int MaxListed = 20;

    /// <summary>Registers the files the checks and the load read: <c>lake_files</c> maps DuckDB's <c>filename</c> to the lake path.</summary>
    public void RegisterFiles(IReadOnlyList<LocalFile> files)
    {
        DuckDb.Execute(connection, "CREATE OR REPLACE TEMP TABLE lake_files (path VARCHAR, relative VARCHAR, dataset VARCHAR, hour TIMESTAMP WITH TIME ZONE)");
        foreach (var chunk in files.Chunk(500))
        {
            DuckDb.Execute(connection, "INSERT INTO lake_files VALUES " + string.Join(", ", chunk.Select(f =>
                $"({Sql.Text(f.Path)}, {Sql.Text(f.File.RelativePath)}, {Sql.Text(f.File.Dataset.Name)}, {Sql.Timestamp(f.File.Hour.Start)})")));
        }
    }

    /// <summary>Check (f): each file's name, columns and types; returns the findings and adds the files that passed to <paramref name="valid"/>.</summary>
    public List<QualityFinding> CheckSchemas(IEnumerable<LocalFile> files, ISet<LakeFile> valid)
    {
        var findings = new List<QualityFinding>();
        foreach (var local in files)
        {
            var file = local.File;
            var problems = new List<string>();
            if (!file.HasPartName)
            {
                problems.Add("the name is not part-<node>-<partition>-<first offset>.parquet");
            }

            try
            {
                var (_, rows) = DuckDb.Query(connection, $"DESCRIBE SELECT * FROM read_parquet({Sql.Text(local.Path)}, hive_partitioning = false)");
                var actual = rows.Select(r => new LakeColumn((string)r[0]!, (string)r[1]!)).ToList();
                problems.AddRange(CompareColumns(LakeSchemas.Expected(file.Dataset), actual));
            }
            catch (DuckDBException e)
            {
                problems.Add($"cannot be read as Parquet: {FirstLine(e.Message)}");
            }

            if (problems.Count == 0)
            {
                valid.Add(file);
            }
            else
            {
                findings.Add(new QualityFinding(QualityCheck.Schema, file.Dataset.Name, file.Hour, file.RelativePath, string.Join("; ", problems)));
            }
        }

        return findings;
    }

    /// <summary>How <paramref name="actual"/> differs from <paramref name="expected"/>: missing, unexpected, mistyped or reordered columns.</summary>
    public static IEnumerable<string> CompareColumns(IReadOnlyList<LakeColumn> expected, IReadOnlyList<LakeColumn> actual)
    {
        var actualByName = actual.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var expectedNames = expected.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(c => !actualByName.ContainsKey(c.Name)).Select(c => c.ToString()).ToList();
        if (missing.Count > 0)
        {
            yield return "missing column(s) " + string.Join(", ", missing);
        }

        var extra = actual.Where(c => !expectedNames.Contains(c.Name)).Select(c => c.ToString()).ToList();
        if (extra.Count > 0)
        {
            yield return "unexpected column(s) " + string.Join(", ", extra);
        }

        foreach (var column in expected)
        {
            if (actualByName.TryGetValue(column.Name, out var found) && found.Type != column.Type)
            {
                yield return $"column {column.Name} is {found.Type}, expected {column.Type}";
            }
        }

        var common = actual.Where(c => expectedNames.Contains(c.Name)).Select(c => c.Name).ToList();
        if (!common.SequenceEqual(expected.Where(c => actualByName.ContainsKey(c.Name)).Select(c => c.Name)))
        {
            yield return "columns are out of order: expected " + string.Join(", ", expected.Select(c => c.Name));
        }
    }

    /// <summary>
    /// Check (a), lake-wide: every offset of the source topics' partitions (raw rows and dead letters) appears once, and
    /// the offsets of a partition form one contiguous range. A duplicate fails every hour holding one of its rows; a gap
    /// fails the hours holding the offsets on either side of it.
    /// </summary>
    public List<QualityFinding> CheckOffsets(IReadOnlyList<LocalFile> validFiles, ISet<LakeHour> hours)
    {
        var parts = new List<string>();
        var transactions = validFiles.Where(f => f.File.Dataset == LakeDataset.Transactions).Select(f => f.Path).ToList();
        var activity = validFiles.Where(f => f.File.Dataset == LakeDataset.CustomerActivity).Select(f => f.Path).ToList();
        var deadLetters = validFiles.Where(f => f.File.Dataset == LakeDataset.DeadLetters).Select(f => f.Path).ToList();
        if (transactions.Count > 0)
        {
            parts.Add($"SELECT {Sql.Text(settings.TransactionsTopic)} AS topic, kafka_partition, kafka_offset, filename FROM {Sql.ReadParquet(transactions)}");
        }

        if (activity.Count > 0)
        {
            parts.Add($"SELECT {Sql.Text(settings.CustomerActivityTopic)} AS topic, kafka_partition, kafka_offset, filename FROM {Sql.ReadParquet(activity)}");
        }

        if (deadLetters.Count > 0)
        {
            parts.Add($"SELECT source_topic AS topic, \"partition\" AS kafka_partition, \"offset\" AS kafka_offset, filename FROM {Sql.ReadParquet(deadLetters)} " +
                $"WHERE source_topic IN ({Sql.Text(settings.TransactionsTopic)}, {Sql.Text(settings.CustomerActivityTopic)})");
        }

        var findings = new List<QualityFinding>();
        if (parts.Count == 0)
        {
            return findings;
        }

        DuckDb.Execute(connection, "CREATE OR REPLACE TEMP TABLE lake_offsets AS SELECT * FROM (" + string.Join("\nUNION ALL\n", parts) +
            ") WHERE kafka_partition IS NOT NULL AND kafka_offset IS NOT NULL");

        var (_, duplicates) = DuckDb.Query(connection, """
            WITH dup AS (SELECT topic, kafka_partition, kafka_offset FROM lake_offsets GROUP BY ALL HAVING count(*) > 1)
            SELECT d.topic, d.kafka_partition, d.kafka_offset, f.hour, f.relative, f.dataset
            FROM dup d JOIN lake_offsets o USING (topic, kafka_partition, kafka_offset) JOIN lake_files f ON f.path = o.filename
            ORDER BY ALL
            """);
        foreach (var group in duplicates.GroupBy(r => ((string)r[0]!, (int)r[1]!, (long)r[2]!)))
        {
            var (topic, partition, offset) = group.Key;
            var holders = group.Select(r => (Hour: HourOf(r[3]), File: (string)r[4]!, Dataset: (string)r[5]!)).ToList();
            var message = string.Create(CultureInfo.InvariantCulture,
                $"topic {topic} partition {partition} offset {offset} is held {holders.Count} times (raw rows and dead letters must hold each offset once): {string.Join(", ", holders.Select(h => h.File))}");
            foreach (var holder in holders.Where(h => hours.Contains(h.Hour)).DistinctBy(h => h.File))
            {
                findings.Add(new QualityFinding(QualityCheck.Offsets, holder.Dataset, holder.Hour, holder.File, message));
            }
        }

        var (_, gaps) = DuckDb.Query(connection, """
            WITH d AS (SELECT DISTINCT topic, kafka_partition, kafka_offset FROM lake_offsets),
            g AS (
              SELECT topic, kafka_partition, kafka_offset AS before,
                     lead(kafka_offset) OVER (PARTITION BY topic, kafka_partition ORDER BY kafka_offset) AS after
              FROM d)
            SELECT g.topic, g.kafka_partition, g.before, g.after, o.kafka_offset, f.hour, f.relative, f.dataset
            FROM g
            JOIN lake_offsets o ON o.topic = g.topic AND o.kafka_partition = g.kafka_partition AND o.kafka_offset IN (g.before, g.after)
            JOIN lake_files f ON f.path = o.filename
            WHERE g.after > g.before + 1
            ORDER BY ALL
            """);
        foreach (var group in gaps.GroupBy(r => ((string)r[0]!, (int)r[1]!, (long)r[2]!, (long)r[3]!)))
        {
            var (topic, partition, before, after) = group.Key;
            var first = before + 1;
            var last = after - 1;
            var range = first == last ? $"offset {first}" : $"offsets {first}-{last} ({last - first + 1} offsets)";
            var neighbours = group.Select(r => (Offset: (long)r[4]!, Hour: HourOf(r[5]), File: (string)r[6]!, Dataset: (string)r[7]!)).ToList();
            var message = string.Create(CultureInfo.InvariantCulture,
                $"topic {topic} partition {partition}: {range} missing: no raw row or dead letter in the lake holds them " +
                $"(offset {before} is in {string.Join(", ", neighbours.Where(n => n.Offset == before).Select(n => n.File))}, " +
                $"offset {after} in {string.Join(", ", neighbours.Where(n => n.Offset == after).Select(n => n.File))})");
            foreach (var neighbour in neighbours.Where(n => hours.Contains(n.Hour)).DistinctBy(n => n.File))
            {
                findings.Add(new QualityFinding(QualityCheck.Offsets, neighbour.Dataset, neighbour.Hour, neighbour.File, message));
            }
        }

        return findings;
    }

    /// <summary>Checks (b) to (e) over one hour's files that passed the schema check.</summary>
    public List<QualityFinding> CheckHour(LakeHour hour, IReadOnlyList<LocalFile> files)
    {
        var findings = new List<QualityFinding>();
        foreach (var group in files.GroupBy(f => f.File.Dataset))
        {
            var dataset = group.Key;
            var source = $"{Sql.ReadParquet(group.Select(f => f.Path))} r JOIN lake_files f ON f.path = r.filename";
            findings.AddRange(NullKeys(dataset, hour, source));
            findings.AddRange(DuplicateKeys(dataset, hour, source));
            findings.AddRange(AmountBounds(dataset, hour, source));
            findings.AddRange(EventTimes(dataset, hour, source));
        }

        return findings;
    }

    private IEnumerable<QualityFinding> NullKeys(LakeDataset dataset, LakeHour hour, string source)
    {
        string[] keys = [.. dataset.Keys, "kafka_partition", "kafka_offset"];
        var (_, rows) = DuckDb.Query(connection,
            $"SELECT f.relative, {string.Join(", ", keys.Select(k => $"count(*) FILTER (WHERE r.{Sql.Identifier(k)} IS NULL)"))} FROM {source} GROUP BY ALL ORDER BY ALL");
        foreach (var row in rows)
        {
            var nulls = keys.Select((k, i) => (Key: k, Count: Convert.ToInt64(row[i + 1], CultureInfo.InvariantCulture))).Where(n => n.Count > 0).ToList();
            if (nulls.Count > 0)
            {
                yield return new QualityFinding(QualityCheck.NullKeys, dataset.Name, hour, (string)row[0]!,
                    string.Join(", ", nulls.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Count} row(s) with null {n.Key}"))));
            }
        }
    }

    private IEnumerable<QualityFinding> DuplicateKeys(LakeDataset dataset, LakeHour hour, string source)
    {
        if (dataset.UniqueKey is not { } key)
        {
            yield break;
        }

        var k = Sql.Identifier(key);
        var notDuplicate = dataset.Raw ? " AND duplicate IS NOT TRUE" : string.Empty;
        var (_, rows) = DuckDb.Query(connection, $"""
            WITH fresh AS (SELECT r.{k} AS k, f.relative AS file FROM {source} WHERE r.{k} IS NOT NULL{notDuplicate.Replace("duplicate", "r.duplicate", StringComparison.Ordinal)}),
            loaded AS (SELECT {k} AS k, lake_file AS file FROM {dataset.Table} WHERE lake_hour <> {Sql.Timestamp(hour.Start)}{notDuplicate} AND {k} IN (SELECT k FROM fresh)),
            all_rows AS (SELECT * FROM fresh UNION ALL SELECT * FROM loaded)
            SELECT CAST(k AS VARCHAR), count(*), list(file ORDER BY file), min(file) FILTER (WHERE file IN (SELECT file FROM fresh))
            FROM all_rows GROUP BY k HAVING count(*) > 1 ORDER BY 1
            """);
        var among = dataset.Raw ? " among non-duplicate rows" : string.Empty;
        foreach (var row in rows.Take(MaxListed))
        {
            var files = ((System.Collections.IEnumerable)row[2]!).Cast<object>().Select(o => o.ToString()!);
            yield return new QualityFinding(QualityCheck.DuplicateKeys, dataset.Name, hour, (string?)row[3],
                string.Create(CultureInfo.InvariantCulture, $"{key} {row[0]} appears {row[1]} times{among} (files {string.Join(", ", files)})"));
        }

        if (rows.Count > MaxListed)
        {
            yield return new QualityFinding(QualityCheck.DuplicateKeys, dataset.Name, hour, null,
                string.Create(CultureInfo.InvariantCulture, $"and {rows.Count - MaxListed} more duplicate {key} value(s)"));
        }
    }

    private IEnumerable<QualityFinding> AmountBounds(LakeDataset dataset, LakeHour hour, string source)
    {
        if (dataset.Amount is not { } amount)
        {
            yield break;
        }

        var a = "r." + Sql.Identifier(amount);
        var (_, rows) = DuckDb.Query(connection,
            $"SELECT f.relative, count(*), min({a}), max({a}), count(*) FILTER (WHERE {a} IS NULL) FROM {source} " +
            $"WHERE coalesce(NOT ({a} > 0 AND {a} <= {Sql.Number(settings.MaxAmount)}), true) GROUP BY ALL ORDER BY ALL");
        foreach (var row in rows)
        {
            var nulls = Convert.ToInt64(row[4], CultureInfo.InvariantCulture);
            yield return new QualityFinding(QualityCheck.AmountBounds, dataset.Name, hour, (string)row[0]!, string.Create(CultureInfo.InvariantCulture,
                $"{row[1]} row(s) with {amount} outside (0, {settings.MaxAmount:R}]: smallest {Format(row[2])}, largest {Format(row[3])}{(nulls > 0 ? $", {nulls} null" : string.Empty)}"));
        }
    }

    private IEnumerable<QualityFinding> EventTimes(LakeDataset dataset, LakeHour hour, string source)
    {
        if (dataset.EventTime is not { } column)
        {
            yield break;
        }

        var t = "r." + Sql.Identifier(column);
        var (_, rows) = DuckDb.Query(connection,
            $"SELECT f.relative, count(*), min({t}), max({t}) FROM {source} " +
            $"WHERE {t} < {Sql.Timestamp(hour.Start)} OR {t} >= {Sql.Timestamp(hour.End)} GROUP BY ALL ORDER BY ALL");
        foreach (var row in rows)
        {
            yield return new QualityFinding(QualityCheck.EventTime, dataset.Name, hour, (string)row[0]!, string.Create(CultureInfo.InvariantCulture,
                $"{row[1]} row(s) with {column} outside {hour.Start:yyyy-MM-dd'T'HH:mm}Z..{hour.End:HH:mm}Z (late or misplaced): earliest {Format(row[2])}, latest {Format(row[3])}"));
        }
    }

    private static LakeHour HourOf(object? value) => LakeHour.Of(ToInstant(value));

    internal static DateTimeOffset ToInstant(object? value) => value switch
    {
        DateTimeOffset o => o.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException($"expected a timestamp, got {value?.GetType().Name ?? "null"}"),
    };

    private static string Format(object? value) => value switch
    {
        null => "null",
        DateTime or DateTimeOffset => ToInstant(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
