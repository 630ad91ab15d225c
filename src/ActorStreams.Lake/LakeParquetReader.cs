using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace ActorStreams.Lake;

/// <summary>Reads a lake file (written by <see cref="LakeParquetWriter"/>) back into the records of its dataset's topic.</summary>
public static class LakeParquetReader
{
    /// <summary>Reads every row of <paramref name="input"/>, a Parquet file of <paramref name="dataset"/>, in file order.</summary>
    /// <exception cref="LakeException">The file's columns are not the dataset's.</exception>
    public static async Task<List<LakeRecord>> ReadAsync(LakeDataset dataset, Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(input);
        var schema = dataset.Schema;
        await using var reader = await ParquetReader.CreateAsync(input, cancellationToken: cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        if (!fields.Select(f => f.Name).SequenceEqual(schema.Columns.Select(c => c.Name), StringComparer.Ordinal))
        {
            throw new LakeException($"a file of dataset {dataset.Name} has the columns {string.Join(", ", fields.Select(f => f.Name))}, "
                + $"not the dataset's {string.Join(", ", schema.Columns.Select(c => c.Name))}");
        }

        var records = new List<LakeRecord>();
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rows = reader.OpenRowGroupReader(group);
            var count = checked((int)rows.RowCount);
            var columns = new Array[fields.Length];
            for (var i = 0; i < fields.Length; i++)
            {
                columns[i] = await ReadColumnAsync(rows, fields[i], schema.Columns[i], count, cancellationToken).ConfigureAwait(false);
            }

            for (var row = 0; row < count; row++)
            {
                records.Add(ToRecord(schema, columns, row));
            }
        }

        return records;
    }

    private static async Task<Array> ReadColumnAsync(ParquetRowGroupReader rows, DataField field, LakeColumn column, int count, CancellationToken cancellationToken)
    {
        switch (column.Type)
        {
            case LakeColumnType.String or LakeColumnType.Json:
                var strings = new string?[count];
                await rows.ReadAsync(field, strings.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                return strings;
            case LakeColumnType.Long:
                return await ReadAsync<long>(rows, field, column, count, cancellationToken).ConfigureAwait(false);
            case LakeColumnType.Int:
                return await ReadAsync<int>(rows, field, column, count, cancellationToken).ConfigureAwait(false);
            case LakeColumnType.Double:
                return await ReadAsync<double>(rows, field, column, count, cancellationToken).ConfigureAwait(false);
            case LakeColumnType.Boolean:
                return await ReadAsync<bool>(rows, field, column, count, cancellationToken).ConfigureAwait(false);
            case LakeColumnType.Timestamp:
                return await ReadAsync<DateTime>(rows, field, column, count, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column.Type, "unknown column type");
        }
    }

    private static async Task<Array> ReadAsync<T>(ParquetRowGroupReader rows, DataField field, LakeColumn column, int count, CancellationToken cancellationToken)
        where T : struct
    {
        if (column.Nullable)
        {
            var optional = new T?[count];
            await rows.ReadAsync<T>(field, optional.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return optional;
        }

        var required = new T[count];
        await rows.ReadAsync<T>(field, required.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return required;
    }

    private static LakeRecord ToRecord(LakeSchema schema, Array[] columns, int row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < schema.FieldCount; i++)
            {
                var column = schema.Columns[i];
                switch (columns[i].GetValue(row))
                {
                    case null:
                        break;
                    case string text when column.Type == LakeColumnType.Json:
                        writer.WritePropertyName(column.Name);
                        writer.WriteRawValue(text);
                        break;
                    case string text:
                        writer.WriteString(column.Name, text);
                        break;
                    case long number:
                        writer.WriteNumber(column.Name, number);
                        break;
                    case int number:
                        writer.WriteNumber(column.Name, number);
                        break;
                    case double number:
                        writer.WriteNumber(column.Name, number);
                        break;
                    case bool flag:
                        writer.WriteBoolean(column.Name, flag);
                        break;
                    case DateTime time:
                        writer.WriteString(column.Name, DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                        break;
                    default:
                        throw new LakeException($"dataset {schema.Dataset.Name}: column {column.Name} holds an unexpected value");
                }
            }

            writer.WriteEndObject();
        }

        var next = schema.FieldCount;
        var duplicate = schema.Dataset.IsRaw && (bool)columns[next++].GetValue(row)!;
        var partition = (int)columns[next++].GetValue(row)!;
        var offset = (long)columns[next].GetValue(row)!;
        return new LakeRecord(partition, offset, duplicate, buffer.ToArray());
    }
}
