using System.Globalization;

namespace ActorStreams.Lake.Tests;

/// <summary>Parquet files read back by DuckDB: the contract's types, the exact rows, hive partitions, identical bytes.</summary>
public sealed class LakeParquetWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lake-parquet-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string> Datasets => [.. LakeDataset.All.Select(d => d.Name)];

    [Theory]
    [Trait("Category", "Integration")]
    [MemberData(nameof(Datasets))]
    public async Task WriteAsync_EachDataset_DuckDbDescribesTheContractsTypes(string name)
    {
        var dataset = LakeDataset.FromName(name);
        var path = await WriteFileAsync(dataset, Rows(dataset));

        var described = DuckDbReader.Query($"DESCRIBE SELECT * FROM read_parquet({DuckDbReader.Literal(path)})")
            .Select(r => $"{r[0]} {r[1]}");
        var repetitions = DuckDbReader.Query(
                $"SELECT name, repetition_type FROM parquet_schema({DuckDbReader.Literal(path)}) WHERE coalesce(num_children, 0) = 0")
            .Select(r => $"{r[0]} {(string)r[1]! == "OPTIONAL"}");

        Assert.Equal(dataset.Schema.Columns.Select(c => $"{c.Name} {c.DuckDbType}"), described);
        Assert.Equal(dataset.Schema.Columns.Select(c => $"{c.Name} {c.Nullable}"), repetitions);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WriteAsync_Timestamps_AreInt64MillisAdjustedToUtc()
    {
        var path = await WriteFileAsync(LakeDataset.MerchantMetrics, Rows(LakeDataset.MerchantMetrics));

        var columns = DuckDbReader.Query(
            $"SELECT name, type, logical_type FROM parquet_schema({DuckDbReader.Literal(path)}) WHERE name IN ('window_start', 'window_end') ORDER BY name");

        Assert.Equal(2, columns.Count);
        Assert.All(columns, c =>
        {
            Assert.Equal("INT64", c[1]);
            Assert.Contains("isAdjustedToUTC=1", (string)c[2]!, StringComparison.Ordinal);
            Assert.Contains("MILLIS", (string)c[2]!, StringComparison.Ordinal);
        });
    }

    [Theory]
    [Trait("Category", "Integration")]
    [MemberData(nameof(Datasets))]
    public async Task WriteAsync_EachDataset_DuckDbReadsTheExactRowsInOrder(string name)
    {
        var dataset = LakeDataset.FromName(name);
        var rows = Rows(dataset);
        var path = await WriteFileAsync(dataset, rows);
        var select = string.Join(", ", dataset.Schema.Columns.Select(c =>
            c.Type == LakeColumnType.Timestamp ? $"epoch_ms(\"{c.Name}\")" : $"\"{c.Name}\""));

        var read = DuckDbReader.Query($"SELECT {select} FROM read_parquet({DuckDbReader.Literal(path)})");

        Assert.Equal(rows.Count, read.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var expected = rows[r].Values.Select(v => v is DateTimeOffset t ? t.ToUnixTimeMilliseconds() : v);
            Assert.Equal(expected, read[r]);
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WriteAsync_FilesInTheLayout_ReadWithHivePartitionColumns()
    {
        var early = SampleRecords.Full(LakeDataset.Transactions, 1);
        var late = SampleRecords.Full(LakeDataset.Transactions, 2).Replace("2026-11-22T05:17:29.123Z", "2026-11-23T00:00:00.000Z", StringComparison.Ordinal);
        var rows = new[] { SampleRecords.Row(LakeDataset.Transactions, early, offset: 10), SampleRecords.Row(LakeDataset.Transactions, late, offset: 11) };
        foreach (var row in rows)
        {
            var key = LakePaths.DataFileKey(LakeDataset.Transactions, row.EventTime, "node-1", row.KafkaPartition, row.KafkaOffset);
            var file = Path.Combine(_root, key);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, await LakeParquetWriter.WriteAsync(LakeDataset.Transactions, [row], CancellationToken.None));
        }

        var read = DuckDbReader.Query(
            $"SELECT transaction_id, kafka_offset, CAST(dt AS VARCHAR), hour FROM read_parquet({DuckDbReader.Literal(_root + "/transactions/*/*/*.parquet")}, "
            + "hive_partitioning = true) ORDER BY kafka_offset");

        Assert.Equal(
            [["tx-1", 10L, "2026-11-22", "05"], ["tx-2", 11L, "2026-11-23", "00"]],
            read);
    }

    [Fact]
    [Trait("Category", "Unit")]
    public async Task WriteAsync_SameRowsTwice_GivesIdenticalBytes()
    {
        foreach (var dataset in LakeDataset.All)
        {
            var first = await LakeParquetWriter.WriteAsync(dataset, Rows(dataset), CancellationToken.None);
            var second = await LakeParquetWriter.WriteAsync(dataset, Rows(dataset), CancellationToken.None);

            Assert.Equal(first, second);
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WriteAsync_RowGroupLimits_SplitTheRowsInOrder()
    {
        var rows = Enumerable.Range(0, 7).Select(i => SampleRecords.Row(LakeDataset.ChurnAlerts, SampleRecords.Full(LakeDataset.ChurnAlerts, i), offset: i)).ToList();
        var byRows = Path.Combine(_root, "by-rows.parquet");
        var byBytes = Path.Combine(_root, "by-bytes.parquet");
        await using (var output = File.Create(byRows))
        {
            await LakeParquetWriter.WriteAsync(LakeDataset.ChurnAlerts, rows, output, long.MaxValue, 3, CancellationToken.None);
        }

        await using (var output = File.Create(byBytes))
        {
            await LakeParquetWriter.WriteAsync(LakeDataset.ChurnAlerts, rows, output, rows[0].ApproximateBytes * 2, int.MaxValue, CancellationToken.None);
        }

        Assert.Equal([3L, 3L, 1L], RowGroupSizes(byRows));
        Assert.Equal([2L, 2L, 2L, 1L], RowGroupSizes(byBytes));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (object?)(long)i),
            DuckDbReader.Query($"SELECT kafka_offset FROM read_parquet({DuckDbReader.Literal(byBytes)})").Select(r => r[0]));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public async Task WriteAsync_RowOfAnotherDataset_Throws()
    {
        var row = SampleRecords.Row(LakeDataset.ChurnAlerts, SampleRecords.Full(LakeDataset.ChurnAlerts));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => LakeParquetWriter.WriteAsync(LakeDataset.FraudAlerts, [row], CancellationToken.None));

        Assert.StartsWith("a row of dataset churn_alerts cannot go into a file of dataset fraud_alerts", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Three rows per dataset: a full record, a minimal one (nulls), another full one; raw ones flag the last as a duplicate.</summary>
    private static List<LakeRow> Rows(LakeDataset dataset) =>
    [
        SampleRecords.Row(dataset, SampleRecords.Full(dataset, 1), partition: 2, offset: 40),
        SampleRecords.Row(dataset, SampleRecords.Minimal(dataset), partition: 2, offset: 41),
        SampleRecords.Row(dataset, SampleRecords.Full(dataset, 2), partition: 2, offset: 42, duplicate: dataset.IsRaw),
    ];

    private async Task<string> WriteFileAsync(LakeDataset dataset, List<LakeRow> rows)
    {
        var path = Path.Combine(_root, dataset.Name + ".parquet");
        await File.WriteAllBytesAsync(path, await LakeParquetWriter.WriteAsync(dataset, rows, CancellationToken.None));
        return path;
    }

    private static List<long> RowGroupSizes(string path) =>
        [.. DuckDbReader.Query($"SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata({DuckDbReader.Literal(path)}) ORDER BY row_group_id")
            .Select(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture))];
}
