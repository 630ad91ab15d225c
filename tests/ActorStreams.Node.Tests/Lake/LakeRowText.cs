using System.Globalization;
using System.Text.Json;
using ActorStreams.Lake;

namespace ActorStreams.Node.Tests.Lake;

/// <summary>
/// One lake row as text, comparable with a topic record's: <c>column=value</c> for every column of the dataset in file
/// order (timestamps as UTC epoch milliseconds, doubles round-trip, nested records as JSON with sorted properties, null
/// as <c>null</c>), and the file it is in.
/// </summary>
/// <param name="File">The data file's key under the lake.</param>
/// <param name="Text">The row's values.</param>
/// <param name="EventTime">The value of the dataset's event time column, or null when it has none.</param>
/// <param name="KafkaPartition">The row's <c>kafka_partition</c>.</param>
internal sealed record LakeRowText(string File, string Text, DateTimeOffset? EventTime, int KafkaPartition)
{
    /// <summary>The row a topic record's JSON <paramref name="value"/> must become, with its input record's coordinates.</summary>
    public static string FromTopic(LakeDataset dataset, JsonElement value, int kafkaPartition, long kafkaOffset, bool duplicate)
    {
        var values = new List<(LakeColumn, string)>();
        foreach (var column in dataset.Schema.Columns)
        {
            values.Add((column, column.Name switch
            {
                LakeSchema.DuplicateColumn => duplicate ? "true" : "false",
                LakeSchema.KafkaPartitionColumn => kafkaPartition.ToString(CultureInfo.InvariantCulture),
                LakeSchema.KafkaOffsetColumn => kafkaOffset.ToString(CultureInfo.InvariantCulture),
                _ => value.TryGetProperty(column.Name, out var field) ? Spell(column, field) : "null",
            }));
        }

        return Canonical(values);
    }

    /// <summary>The text of a row's values.</summary>
    public static string Canonical(IEnumerable<(LakeColumn Column, string Value)> values) =>
        string.Join(" | ", values.Select(v => $"{v.Column.Name}={v.Value}"));

    /// <summary>JSON with every object's properties sorted by name and numbers as round-trip doubles.</summary>
    public static string CanonicalJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Name) + ":" + CanonicalJson(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(CanonicalJson)) + "]",
        JsonValueKind.Number => element.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => element.GetRawText(),
    };

    private static string Spell(LakeColumn column, JsonElement field) => field.ValueKind switch
    {
        JsonValueKind.Null => "null",
        _ => column.Type switch
        {
            LakeColumnType.String => field.GetString()!,
            LakeColumnType.Json => CanonicalJson(field),
            LakeColumnType.Long or LakeColumnType.Int => field.GetInt64().ToString(CultureInfo.InvariantCulture),
            LakeColumnType.Double => field.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            LakeColumnType.Boolean => field.GetBoolean() ? "true" : "false",
            LakeColumnType.Timestamp => DateTimeOffset.Parse(field.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                .ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "unknown column type"),
        },
    };
}
