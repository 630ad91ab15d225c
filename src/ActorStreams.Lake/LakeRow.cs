using System.Text;
using System.Text.Json;
using DomainTime = ActorStreams.Domain.EventTime;

namespace ActorStreams.Lake;

/// <summary>
/// One row of a dataset: a topic's JSON record turned into the typed values of the dataset's columns
/// (<see cref="LakeSchema.Columns"/>), with the Kafka position it came from and the event time that places it in an
/// hour partition.
/// </summary>
public sealed class LakeRow
{
    private readonly object?[] _values;

    private LakeRow(LakeDataset dataset, object?[] values, DateTimeOffset eventTime, int approximateBytes)
    {
        Dataset = dataset;
        _values = values;
        EventTime = eventTime;
        ApproximateBytes = approximateBytes;
    }

    /// <summary>The dataset the row belongs to.</summary>
    public LakeDataset Dataset { get; }

    /// <summary>
    /// The values in column order: <see cref="string"/> (String, Json), <see cref="long"/>, <see cref="int"/>,
    /// <see cref="double"/>, <see cref="bool"/>, a UTC <see cref="DateTimeOffset"/> with millisecond precision
    /// (Timestamp), or null in a nullable column.
    /// </summary>
    public IReadOnlyList<object?> Values => _values;

    /// <summary>The row's event time in UTC, millisecond precision: the hour partition it belongs to.</summary>
    public DateTimeOffset EventTime { get; }

    /// <summary>The partition of the input record the row comes from.</summary>
    public int KafkaPartition => (int)_values[^2]!;

    /// <summary>The offset of that record.</summary>
    public long KafkaOffset => (long)_values[^1]!;

    /// <summary>True for a raw record its customer already had (always false for other datasets).</summary>
    public bool Duplicate => Dataset.IsRaw && (bool)_values[^3]!;

    /// <summary>The size of the row's data, roughly (its JSON's length): what closes a file at <c>max-file-bytes</c>.</summary>
    public int ApproximateBytes { get; }

    /// <summary>The value of the column named <paramref name="column"/>.</summary>
    /// <exception cref="KeyNotFoundException">The dataset has no such column.</exception>
    public object? this[string column]
    {
        get
        {
            var index = Dataset.Schema.IndexOf(column);
            return index >= 0 ? _values[index] : throw new KeyNotFoundException($"dataset {Dataset.Name} has no column \"{column}\"");
        }
    }

    /// <summary>
    /// Turns a record as it appears on the dataset's topic (UTF-8 JSON) into a row: unknown fields are ignored, absent or
    /// null optional fields become null, timestamps are parsed from ISO-8601 and truncated to milliseconds, and nested
    /// records keep their JSON text.
    /// </summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="json">The record's value.</param>
    /// <param name="kafkaPartition">The partition of the input record the row comes from.</param>
    /// <param name="kafkaOffset">That record's offset.</param>
    /// <param name="duplicate">Raw datasets: true when the customer already had the record's id.</param>
    /// <param name="recordTimestamp">
    /// The Kafka timestamp of the source record: the event time of <c>dead_letters</c> (required there) and of a
    /// <c>customer_activity</c> record without <c>timestamp</c>.
    /// </param>
    /// <exception cref="LakeException">The JSON is malformed, or a required field is missing or of the wrong type, or the event time is unknown.</exception>
    /// <exception cref="ArgumentException"><paramref name="duplicate"/> is true for a dataset that is not raw.</exception>
    public static LakeRow FromJson(LakeDataset dataset, ReadOnlySpan<byte> json, int kafkaPartition, long kafkaOffset,
        bool duplicate = false, DateTimeOffset? recordTimestamp = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (duplicate && !dataset.IsRaw)
        {
            throw new ArgumentException($"dataset {dataset.Name} is not raw: its rows have no duplicate column", nameof(duplicate));
        }

        var schema = dataset.Schema;
        var values = new object?[schema.Columns.Count];
        var seen = new bool[schema.FieldCount];
        try
        {
            ReadFields(schema, json, values, seen, kafkaPartition, kafkaOffset);
        }
        catch (JsonException ex)
        {
            throw new LakeException($"{Where(dataset, kafkaPartition, kafkaOffset)}: the record is not valid JSON: {ex.Message}", ex);
        }

        for (var i = 0; i < schema.FieldCount; i++)
        {
            if (values[i] is null && !schema.Columns[i].Nullable)
            {
                throw new LakeException($"{Where(dataset, kafkaPartition, kafkaOffset)}: required field \"{schema.Columns[i].Name}\" is "
                    + (seen[i] ? "null" : "missing"));
            }
        }

        var next = schema.FieldCount;
        if (dataset.IsRaw)
        {
            values[next++] = duplicate;
        }

        values[next++] = kafkaPartition;
        values[next] = kafkaOffset;
        var eventTime = EventTimeOf(dataset, values, recordTimestamp, kafkaPartition, kafkaOffset);
        return new LakeRow(dataset, values, eventTime, json.Length);
    }

    private static void ReadFields(LakeSchema schema, ReadOnlySpan<byte> json, object?[] values, bool[] seen, int partition, long offset)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new LakeException($"{Where(schema.Dataset, partition, offset)}: the record is not a JSON object");
        }

        var names = schema.Utf8FieldNames;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = -1;
            for (var i = 0; i < names.Length; i++)
            {
                if (reader.ValueTextEquals(names[i]))
                {
                    index = i;
                    break;
                }
            }

            reader.Read();
            if (index < 0)
            {
                reader.Skip();
                continue;
            }

            seen[index] = true;
            values[index] = reader.TokenType == JsonTokenType.Null ? null : ReadValue(schema, schema.Columns[index], json, ref reader, partition, offset);
        }
    }

    private static object ReadValue(LakeSchema schema, LakeColumn column, ReadOnlySpan<byte> json, ref Utf8JsonReader reader, int partition, long offset)
    {
        var token = reader.TokenType;
        switch (column.Type)
        {
            case LakeColumnType.String when token == JsonTokenType.String:
                return reader.GetString()!;
            case LakeColumnType.Long when token == JsonTokenType.Number && reader.TryGetInt64(out var longValue):
                return longValue;
            case LakeColumnType.Int when token == JsonTokenType.Number && reader.TryGetInt32(out var intValue):
                return intValue;
            case LakeColumnType.Double when token == JsonTokenType.Number && reader.TryGetDouble(out var doubleValue):
                return doubleValue;
            case LakeColumnType.Boolean when token is JsonTokenType.True or JsonTokenType.False:
                return token == JsonTokenType.True;
            case LakeColumnType.Timestamp when token == JsonTokenType.String:
                var text = reader.GetString()!;
                if (!DomainTime.TryParseIso(text, out var instant))
                {
                    throw new LakeException($"{Where(schema.Dataset, partition, offset)}: field \"{column.Name}\" must be an ISO-8601 UTC timestamp, got \"{text}\"");
                }

                return ToMillis(instant.ToDateTimeOffset());
            case LakeColumnType.Json when token == JsonTokenType.StartObject:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
            default:
                throw new LakeException($"{Where(schema.Dataset, partition, offset)}: field \"{column.Name}\" must be {Expected(column.Type)}, got {Describe(token)}");
        }
    }

    private static DateTimeOffset EventTimeOf(LakeDataset dataset, object?[] values, DateTimeOffset? recordTimestamp, int partition, long offset)
    {
        if (dataset.EventTimeColumn is { } column && values[dataset.Schema.IndexOf(column)] is DateTimeOffset fromColumn)
        {
            return fromColumn;
        }

        return recordTimestamp is { } fallback
            ? ToMillis(fallback)
            : throw new LakeException($"{Where(dataset, partition, offset)}: the event time is unknown: "
                + (dataset.EventTimeColumn is null ? "the source record's Kafka timestamp is required" : $"\"{dataset.EventTimeColumn}\" is absent and no Kafka timestamp was given"));
    }

    private static DateTimeOffset ToMillis(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(DomainTime.FromDateTimeOffset(value).UnixMilliseconds);

    private static string Where(LakeDataset dataset, int partition, long offset) => $"dataset {dataset.Name}, partition {partition} offset {offset}";

    private static string Expected(LakeColumnType type) => type switch
    {
        LakeColumnType.String => "a string",
        LakeColumnType.Long => "a 64-bit integer",
        LakeColumnType.Int => "a 32-bit integer",
        LakeColumnType.Double => "a number",
        LakeColumnType.Boolean => "true or false",
        LakeColumnType.Timestamp => "an ISO-8601 UTC timestamp string",
        _ => "a JSON object",
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number out of range or with a fraction",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
