using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace ActorStreams.Lake;

/// <summary>
/// The columns of a dataset's Parquet files (docs/lake.md, Columns): the fields of its Avro schema in the schema's order,
/// mapped by the table of docs/lake.md, followed by <c>duplicate</c> (raw datasets only), <c>kafka_partition</c> and
/// <c>kafka_offset</c>. Readers compare a file's columns with <see cref="Columns"/>.
/// </summary>
public sealed class LakeSchema
{
    /// <summary>The column that flags a raw record its customer already had.</summary>
    public const string DuplicateColumn = "duplicate";

    /// <summary>The column holding the input record's partition.</summary>
    public const string KafkaPartitionColumn = "kafka_partition";

    /// <summary>The column holding the input record's offset.</summary>
    public const string KafkaOffsetColumn = "kafka_offset";

    /// <summary>The string fields that hold ISO-8601 instants and become timestamp columns.</summary>
    public static IReadOnlySet<string> TimestampFields { get; } =
        FrozenSet.Create(StringComparer.Ordinal, "timestamp", "event_time", "detected_at", "window_start", "window_end", "failed_at");

    private readonly FrozenDictionary<string, int> _indexes;

    private LakeSchema(LakeDataset dataset, IReadOnlyList<LakeColumn> columns, int fieldCount)
    {
        Dataset = dataset;
        Columns = columns;
        FieldCount = fieldCount;
        _indexes = columns.Select((c, i) => KeyValuePair.Create(c.Name, i)).ToFrozenDictionary(StringComparer.Ordinal);
        Utf8FieldNames = [.. columns.Take(fieldCount).Select(c => Encoding.UTF8.GetBytes(c.Name))];
    }

    /// <summary>The dataset the schema describes.</summary>
    public LakeDataset Dataset { get; }

    /// <summary>Every column, in file order.</summary>
    public IReadOnlyList<LakeColumn> Columns { get; }

    /// <summary>How many leading columns are the Avro schema's fields (the rest are the lake's own columns).</summary>
    public int FieldCount { get; }

    /// <summary>The names of the Avro fields (the first <see cref="FieldCount"/> columns) as UTF-8, for matching JSON properties.</summary>
    internal byte[][] Utf8FieldNames { get; }

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The dataset has no such column.</exception>
    public LakeColumn this[string name] => Columns[IndexOf(name)];

    /// <summary>The position of the column named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _indexes.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Derives the columns of <paramref name="dataset"/> from the text of its Avro schema.</summary>
    /// <exception cref="LakeException">The schema is not a record, or a field has a type the lake does not map.</exception>
    internal static LakeSchema FromAvro(LakeDataset dataset, string avroJson)
    {
        using var document = JsonDocument.Parse(avroJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            throw new LakeException($"schemas/{dataset.Topic}.avsc of dataset {dataset.Name} is not an Avro record with fields");
        }

        var columns = new List<LakeColumn>();
        foreach (var field in fields.EnumerateArray())
        {
            var name = field.GetProperty("name").GetString()!;
            var (type, nullable) = MapType(dataset, name, field.GetProperty("type"));
            columns.Add(new LakeColumn(name, type, nullable));
        }

        var fieldCount = columns.Count;
        if (dataset.IsRaw)
        {
            columns.Add(new LakeColumn(DuplicateColumn, LakeColumnType.Boolean, Nullable: false));
        }

        columns.Add(new LakeColumn(KafkaPartitionColumn, LakeColumnType.Int, Nullable: false));
        columns.Add(new LakeColumn(KafkaOffsetColumn, LakeColumnType.Long, Nullable: false));
        return new LakeSchema(dataset, columns, fieldCount);
    }

    private static (LakeColumnType Type, bool Nullable) MapType(LakeDataset dataset, string field, JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.Array)
        {
            var branches = type.EnumerateArray().ToList();
            if (branches.Count == 2 && branches[0].ValueKind == JsonValueKind.String && branches[0].GetString() == "null")
            {
                return (MapType(dataset, field, branches[1]).Type, true);
            }

            throw Unsupported(dataset, field, type);
        }

        if (type.ValueKind == JsonValueKind.Object)
        {
            var complex = type.GetProperty("type").GetString();
            return complex == "record" ? (LakeColumnType.Json, false) : throw Unsupported(dataset, field, type);
        }

        return type.GetString() switch
        {
            "string" when TimestampFields.Contains(field) => (LakeColumnType.Timestamp, false),
            "string" => (LakeColumnType.String, false),
            "long" => (LakeColumnType.Long, false),
            "int" => (LakeColumnType.Int, false),
            "double" => (LakeColumnType.Double, false),
            "boolean" => (LakeColumnType.Boolean, false),
            _ => throw Unsupported(dataset, field, type),
        };
    }

    private static LakeException Unsupported(LakeDataset dataset, string field, JsonElement type) =>
        new($"field \"{field}\" of dataset {dataset.Name} (schemas/{dataset.Topic}.avsc) has the Avro type {type.GetRawText()}, which the lake does not map");
}
