using Parquet;
using Parquet.Schema;

namespace ActorStreams.Lake;

/// <summary>
/// Writes rows of one dataset as a Parquet file with exactly the column types of docs/lake.md. The output depends only
/// on the rows: writing the same rows again gives the same bytes, which lets a recovering sink rewrite a file a crash
/// may have left written.
/// </summary>
public static class LakeParquetWriter
{
    /// <summary>A row group closes at this much row data (<see cref="LakeRow.ApproximateBytes"/>): two for a full 128 MiB file.</summary>
    public const long DefaultRowGroupBytes = 64L * 1024 * 1024;

    /// <summary>...or at this many rows.</summary>
    public const int DefaultRowGroupRows = 500_000;

    /// <summary>The Parquet schema of <paramref name="dataset"/>'s files.</summary>
    public static ParquetSchema ParquetSchemaOf(LakeDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new ParquetSchema(dataset.Schema.Columns.Select(ToField));
    }

    /// <summary>Writes <paramref name="rows"/> (in their order) as a Parquet file and returns its bytes.</summary>
    /// <exception cref="ArgumentException">A row belongs to another dataset.</exception>
    public static async Task<byte[]> WriteAsync(LakeDataset dataset, IReadOnlyList<LakeRow> rows, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await WriteAsync(dataset, rows, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="rows"/> (in their order) as a Parquet file to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">A row belongs to another dataset.</exception>
    public static Task WriteAsync(LakeDataset dataset, IReadOnlyList<LakeRow> rows, Stream output, CancellationToken cancellationToken) =>
        WriteAsync(dataset, rows, output, DefaultRowGroupBytes, DefaultRowGroupRows, cancellationToken);

    /// <summary>Writes with row groups closed at <paramref name="rowGroupBytes"/> or <paramref name="rowGroupRows"/>.</summary>
    internal static async Task WriteAsync(LakeDataset dataset, IReadOnlyList<LakeRow> rows, Stream output, long rowGroupBytes, int rowGroupRows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var row in rows)
        {
            if (row.Dataset != dataset)
            {
                throw new ArgumentException($"a row of dataset {row.Dataset.Name} cannot go into a file of dataset {dataset.Name}", nameof(rows));
            }
        }

        if (!output.CanSeek)
        {
            // Parquet.Net needs a seekable stream; a pipe or a network stream gets the finished file.
            using var buffer = new MemoryStream();
            await WriteAsync(dataset, rows, buffer, rowGroupBytes, rowGroupRows, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            await buffer.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            return;
        }

        var schema = ParquetSchemaOf(dataset);
        var fields = schema.GetDataFields();
        await using var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        var start = 0;
        do
        {
            var end = start;
            long bytes = 0;
            while (end < rows.Count && end - start < rowGroupRows && (end == start || bytes + rows[end].ApproximateBytes <= rowGroupBytes))
            {
                bytes += rows[end].ApproximateBytes;
                end++;
            }

            using var group = writer.CreateRowGroup();
            for (var column = 0; column < fields.Length; column++)
            {
                await WriteColumnAsync(group, fields[column], dataset.Schema.Columns[column], rows, start, end, column, cancellationToken).ConfigureAwait(false);
            }

            group.CompleteValidate();
            start = end;
        }
        while (start < rows.Count);
    }

    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, LakeColumn column, IReadOnlyList<LakeRow> rows, int start, int end,
        int index, CancellationToken cancellationToken)
    {
        var count = end - start;
        switch (column.Type)
        {
            case LakeColumnType.String or LakeColumnType.Json:
                var strings = new string?[count];
                for (var i = 0; i < count; i++)
                {
                    strings[i] = (string?)rows[start + i].Values[index];
                }

                return group.WriteAsync(field, strings);
            case LakeColumnType.Long:
                return Write<long>(group, field, column, rows, start, count, index, v => (long)v, cancellationToken);
            case LakeColumnType.Int:
                return Write<int>(group, field, column, rows, start, count, index, v => (int)v, cancellationToken);
            case LakeColumnType.Double:
                return Write<double>(group, field, column, rows, start, count, index, v => (double)v, cancellationToken);
            case LakeColumnType.Boolean:
                return Write<bool>(group, field, column, rows, start, count, index, v => (bool)v, cancellationToken);
            case LakeColumnType.Timestamp:
                return Write<DateTime>(group, field, column, rows, start, count, index, v => ((DateTimeOffset)v).UtcDateTime, cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column.Type, "unknown column type");
        }
    }

    private static Task Write<T>(ParquetRowGroupWriter group, DataField field, LakeColumn column, IReadOnlyList<LakeRow> rows, int start, int count,
        int index, Func<object, T> convert, CancellationToken cancellationToken)
        where T : struct
    {
        if (column.Nullable)
        {
            var values = new T?[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = rows[start + i].Values[index] is { } value ? convert(value) : null;
            }

            return group.WriteAsync<T>(field, values.AsMemory(), cancellationToken: cancellationToken);
        }

        var required = new T[count];
        for (var i = 0; i < count; i++)
        {
            required[i] = convert(rows[start + i].Values[index]!);
        }

        return group.WriteAsync<T>(field, required.AsMemory(), cancellationToken: cancellationToken);
    }

    private static DataField ToField(LakeColumn column) => column.Type switch
    {
        LakeColumnType.String or LakeColumnType.Json => new DataField<string>(column.Name, column.Nullable),
        LakeColumnType.Long => new DataField(column.Name, typeof(long), column.Nullable),
        LakeColumnType.Int => new DataField(column.Name, typeof(int), column.Nullable),
        LakeColumnType.Double => new DataField(column.Name, typeof(double), column.Nullable),
        LakeColumnType.Boolean => new DataField(column.Name, typeof(bool), column.Nullable),
        LakeColumnType.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, DateTimeTimeUnit.Millis, column.Nullable),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "unknown column type"),
    };
}
