using System.Text.Json;

namespace ActorStreams.Warehouse.Lake;

/// <summary>
/// The columns every file of a dataset must have, derived from its Avro schema in <c>schemas/</c> (embedded) by the
/// mapping of docs/lake.md, Columns: the schema's fields in order, then <c>duplicate</c> (raw datasets),
/// <c>kafka_partition</c> and <c>kafka_offset</c>.
/// </summary>
public static class LakeSchemas
{
    /// <summary>String fields stored as <c>TIMESTAMP WITH TIME ZONE</c> (docs/lake.md).</summary>
    public static IReadOnlySet<string> TimestampFields { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "timestamp", "event_time", "detected_at", "window_start", "window_end", "failed_at" };

    private static readonly Dictionary<string, IReadOnlyList<LakeColumn>> Cache = LakeDataset.All.ToDictionary(d => d.Name, d => (IReadOnlyList<LakeColumn>)Derive(d), StringComparer.Ordinal);

    /// <summary>The expected columns of <paramref name="dataset"/>'s files, in order.</summary>
    public static IReadOnlyList<LakeColumn> Expected(LakeDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Cache[dataset.Name];
    }

    private static List<LakeColumn> Derive(LakeDataset dataset)
    {
        var resource = $"ActorStreams.Warehouse.schemas.{dataset.Schema}";
        using var stream = typeof(LakeSchemas).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded schema {resource} is missing");
        using var document = JsonDocument.Parse(stream);
        var columns = new List<LakeColumn>();
        foreach (var field in document.RootElement.GetProperty("fields").EnumerateArray())
        {
            var name = field.GetProperty("name").GetString()!;
            columns.Add(new LakeColumn(name, DuckDbType(dataset, name, field.GetProperty("type"))));
        }

        if (dataset.Raw)
        {
            columns.Add(new LakeColumn("duplicate", "BOOLEAN"));
        }

        columns.Add(new LakeColumn("kafka_partition", "INTEGER"));
        columns.Add(new LakeColumn("kafka_offset", "BIGINT"));
        return columns;
    }

    private static string DuckDbType(LakeDataset dataset, string field, JsonElement type)
    {
        switch (type.ValueKind)
        {
            case JsonValueKind.Array:
                // ["null", T]: T, nullable.
                var branches = type.EnumerateArray().Where(b => !(b.ValueKind == JsonValueKind.String && b.GetString() == "null")).ToList();
                if (branches.Count != 1)
                {
                    throw new InvalidOperationException($"{dataset.Schema}: field {field} is a union the lake cannot store");
                }

                return DuckDbType(dataset, field, branches[0]);
            case JsonValueKind.Object:
                var nested = type.GetProperty("type").GetString();
                return nested == "record" ? "VARCHAR" : DuckDbType(dataset, field, type.GetProperty("type"));
            default:
                return type.GetString() switch
                {
                    "string" => TimestampFields.Contains(field) ? "TIMESTAMP WITH TIME ZONE" : "VARCHAR",
                    "long" => "BIGINT",
                    "int" => "INTEGER",
                    "double" => "DOUBLE",
                    "boolean" => "BOOLEAN",
                    var other => throw new InvalidOperationException($"{dataset.Schema}: field {field} has type {other}, which docs/lake.md does not map"),
                };
        }
    }
}
