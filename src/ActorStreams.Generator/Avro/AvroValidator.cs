using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Generator.Avro;

/// <summary>
/// Checks that a JSON value conforms to an Avro schema, as records appear on the topics: plain JSON
/// (a union value is the bare value of one branch), a record's fields all present unless they have a
/// default, and no field the record does not declare. <c>bytes</c> and <c>fixed</c> are strings of
/// code points U+0000–U+00FF (Avro's JSON encoding); a <c>decimal</c> may also be a JSON number with at
/// most <c>scale</c> decimals and <c>precision</c> digits.
/// </summary>
public static class AvroValidator
{
    private const long MillisPerDay = 86_400_000L;

    /// <summary>Every way <paramref name="value"/> does not conform to <paramref name="schema"/>; empty when it does.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="value">The JSON value.</param>
    /// <param name="rootPath">The first step of every error path (e.g. the topic, <c>transactions</c>); default: the schema's name.</param>
    public static IReadOnlyList<AvroValidationError> Validate(AvroSchema schema, JsonElement value, string? rootPath = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<AvroValidationError>();
        Check(schema, value, rootPath ?? DefaultRoot(schema), errors);
        return errors;
    }

    /// <summary>Parses <paramref name="utf8Json"/> and validates it; text that is not JSON gives one error at the root.</summary>
    public static IReadOnlyList<AvroValidationError> Validate(AvroSchema schema, ReadOnlySpan<byte> utf8Json, string? rootPath = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var reader = new Utf8JsonReader(utf8Json);
        JsonDocument document;
        try
        {
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            return [new AvroValidationError(rootPath ?? DefaultRoot(schema), $"not valid JSON: {e.Message}")];
        }

        using (document)
        {
            return Validate(schema, document.RootElement, rootPath);
        }
    }

    /// <summary>True when <paramref name="value"/> conforms to <paramref name="schema"/>.</summary>
    public static bool IsValid(AvroSchema schema, JsonElement value) => Validate(schema, value).Count == 0;

    private static string DefaultRoot(AvroSchema schema) => schema is AvroNamedSchema named ? named.Name : "value";

    private static void Check(AvroSchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                Expect(value.ValueKind == JsonValueKind.Null, schema, value, path, errors);
                break;
            case AvroType.Boolean:
                Expect(value.ValueKind is JsonValueKind.True or JsonValueKind.False, schema, value, path, errors);
                break;
            case AvroType.Int:
                CheckInt(schema, value, path, errors);
                break;
            case AvroType.Long:
                CheckLong(schema, value, path, errors);
                break;
            case AvroType.Float:
                Expect(value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var f) && Math.Abs(f) <= float.MaxValue, schema, value, path, errors);
                break;
            case AvroType.Double:
                Expect(value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out _), schema, value, path, errors);
                break;
            case AvroType.String:
                CheckString(schema, value, path, errors);
                break;
            case AvroType.Bytes:
                CheckBytes(schema, value, -1, path, errors);
                break;
            case AvroType.Fixed:
                CheckBytes(schema, value, ((AvroFixedSchema)schema).Size, path, errors);
                break;
            case AvroType.Enum:
                CheckEnum((AvroEnumSchema)schema, value, path, errors);
                break;
            case AvroType.Array:
                CheckArray((AvroArraySchema)schema, value, path, errors);
                break;
            case AvroType.Map:
                CheckMap((AvroMapSchema)schema, value, path, errors);
                break;
            case AvroType.Record:
                CheckRecord((AvroRecordSchema)schema, value, path, errors);
                break;
            case AvroType.Union:
                CheckUnion((AvroUnionSchema)schema, value, path, errors);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(schema), schema.Type, "unknown Avro type");
        }
    }

    private static void CheckInt(AvroSchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            errors.Add(Mismatch(schema, value, path));
            return;
        }

        if (schema.LogicalType?.Name == AvroLogicalType.TimeMillis && number is < 0 or >= (int)MillisPerDay)
        {
            errors.Add(new(path, $"expected {schema}, got {number.ToString(CultureInfo.InvariantCulture)} (not a time of day in milliseconds)"));
        }
    }

    private static void CheckLong(AvroSchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            errors.Add(Mismatch(schema, value, path));
            return;
        }

        if (schema.LogicalType?.Name == AvroLogicalType.TimeMicros && number is < 0 or >= MillisPerDay * 1000)
        {
            errors.Add(new(path, $"expected {schema}, got {number.ToString(CultureInfo.InvariantCulture)} (not a time of day in microseconds)"));
        }
    }

    private static void CheckString(AvroSchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(Mismatch(schema, value, path));
            return;
        }

        if (schema.LogicalType?.Name == AvroLogicalType.Uuid && !Guid.TryParseExact(value.GetString(), "D", out _))
        {
            errors.Add(new(path, $"expected {schema}, got \"{Shorten(value.GetString()!)}\" (not a UUID)"));
        }
    }

    private static void CheckBytes(AvroSchema schema, JsonElement value, int size, string path, List<AvroValidationError> errors)
    {
        var logical = schema.LogicalType;
        if (logical?.Name == AvroLogicalType.Decimal && value.ValueKind == JsonValueKind.Number)
        {
            CheckDecimalNumber(schema, logical, value, path, errors);
            return;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(Mismatch(schema, value, path));
            return;
        }

        var text = value.GetString()!;
        foreach (var c in text)
        {
            if (c > '\u00FF')
            {
                errors.Add(new(path, $"expected {schema}, got a string with the character U+{(int)c:X4} (bytes are written as code points U+0000-U+00FF)"));
                return;
            }
        }

        if (size >= 0 && text.Length != size)
        {
            errors.Add(new(path, $"expected {schema}, got {text.Length.ToString(CultureInfo.InvariantCulture)} bytes"));
        }
    }

    private static void CheckDecimalNumber(AvroSchema schema, AvroLogicalType logical, JsonElement value, string path, List<AvroValidationError> errors)
    {
        if (!value.TryGetDecimal(out var number))
        {
            errors.Add(new(path, $"expected {schema}, got {value.GetRawText()} (not a decimal number)"));
            return;
        }

        if (number.Scale > logical.Scale)
        {
            errors.Add(new(path, $"expected {schema}, got {value.GetRawText()} (more than {logical.Scale.ToString(CultureInfo.InvariantCulture)} decimals)"));
            return;
        }

        var integerDigits = Math.Truncate(Math.Abs(number)) is var whole && whole == 0 ? 0 : whole.ToString(CultureInfo.InvariantCulture).Length;
        if (integerDigits + logical.Scale > logical.Precision)
        {
            errors.Add(new(path, $"expected {schema}, got {value.GetRawText()} (more than {logical.Precision.ToString(CultureInfo.InvariantCulture)} digits)"));
        }
    }

    private static void CheckEnum(AvroEnumSchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(Mismatch(schema, value, path));
        }
        else if (!schema.Contains(value.GetString()!))
        {
            errors.Add(new(path, $"expected {schema} (one of {string.Join(", ", schema.Symbols)}), got \"{Shorten(value.GetString()!)}\""));
        }
    }

    private static void CheckArray(AvroArraySchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(Mismatch(schema, value, path));
            return;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            Check(schema.Items, item, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", errors);
            index++;
        }
    }

    private static void CheckMap(AvroMapSchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Mismatch(schema, value, path));
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            Check(schema.Values, property.Value, $"{path}[\"{property.Name}\"]", errors);
        }
    }

    private static void CheckRecord(AvroRecordSchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Mismatch(schema, value, path));
            return;
        }

        foreach (var field in schema.Fields)
        {
            if (value.TryGetProperty(field.Name, out var fieldValue))
            {
                Check(field.Schema, fieldValue, $"{path}.{field.Name}", errors);
            }
            else if (!field.HasDefault)
            {
                errors.Add(new($"{path}.{field.Name}", $"missing required field ({field.Schema}, no default)"));
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (schema.GetField(property.Name) is null)
            {
                errors.Add(new($"{path}.{property.Name}", $"unexpected field ({schema} has no such field)"));
            }
        }
    }

    private static void CheckUnion(AvroUnionSchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        List<AvroValidationError>? onlyCandidate = null;
        var candidates = 0;
        foreach (var branch in schema.Branches)
        {
            var branchErrors = new List<AvroValidationError>();
            Check(branch, value, path, branchErrors);
            if (branchErrors.Count == 0)
            {
                return;
            }

            if (KindFits(branch, value.ValueKind))
            {
                candidates++;
                onlyCandidate = branchErrors;
            }
        }

        // One branch of the value's JSON kind: its errors say more than "none of the branches".
        if (candidates == 1)
        {
            errors.AddRange(onlyCandidate!);
        }
        else
        {
            errors.Add(new(path, $"expected one of [{string.Join(", ", schema.Branches.Select(AvroArraySchema.Short))}], got {Got(value)}"));
        }
    }

    private static bool KindFits(AvroSchema schema, JsonValueKind kind) => schema.Type switch
    {
        AvroType.Null => kind == JsonValueKind.Null,
        AvroType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
        AvroType.Int or AvroType.Long or AvroType.Float or AvroType.Double => kind == JsonValueKind.Number,
        AvroType.String or AvroType.Enum => kind == JsonValueKind.String,
        AvroType.Bytes or AvroType.Fixed => kind == JsonValueKind.String || (kind == JsonValueKind.Number && schema.LogicalType?.Name == AvroLogicalType.Decimal),
        AvroType.Array => kind == JsonValueKind.Array,
        AvroType.Map or AvroType.Record => kind == JsonValueKind.Object,
        _ => false,
    };

    private static void Expect(bool ok, AvroSchema schema, JsonElement value, string path, List<AvroValidationError> errors)
    {
        if (!ok)
        {
            errors.Add(Mismatch(schema, value, path));
        }
    }

    private static AvroValidationError Mismatch(AvroSchema schema, JsonElement value, string path) =>
        new(path, $"expected {(schema is AvroNamedSchema named ? named.ToString() : schema.ToString())}, got {Got(value)}");

    private static string Got(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => $"number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => value.ValueKind.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
