using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Generator.Avro.Internal;

/// <summary>
/// Reads an <c>.avsc</c> JSON document into the schema model, resolving named types with Avro's
/// namespace rules and checking the declaration rules of the specification (valid names, no
/// redefinitions, union restrictions, enum symbols, field defaults matching their type).
/// </summary>
internal sealed class AvroSchemaReader
{
    private static readonly Dictionary<string, AvroType> Primitives = new(StringComparer.Ordinal)
    {
        ["null"] = AvroType.Null,
        ["boolean"] = AvroType.Boolean,
        ["int"] = AvroType.Int,
        ["long"] = AvroType.Long,
        ["float"] = AvroType.Float,
        ["double"] = AvroType.Double,
        ["bytes"] = AvroType.Bytes,
        ["string"] = AvroType.String,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    private readonly Dictionary<string, AvroNamedSchema> _named = new(StringComparer.Ordinal);
    private readonly List<(AvroField Field, string Path)> _defaults = [];

    public static AvroSchema Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new AvroSchemaException($"not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var reader = new AvroSchemaReader();
            var root = document.RootElement;
            var schema = reader.Read(root, null, RootPath(root));
            reader.CheckDefaults();
            return schema;
        }
    }

    private static string RootPath(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()!
            : "schema";

    private AvroSchema Read(JsonElement element, string? enclosingNamespace, string path) => element.ValueKind switch
    {
        JsonValueKind.String => Resolve(element.GetString()!, enclosingNamespace, path),
        JsonValueKind.Array => ReadUnion(element, enclosingNamespace, path),
        JsonValueKind.Object => ReadObject(element, enclosingNamespace, path),
        _ => throw Error(path, $"a schema must be a type name, an object or a union array, got {Describe(element)}"),
    };

    private AvroSchema Resolve(string name, string? enclosingNamespace, string path)
    {
        if (Primitives.TryGetValue(name, out var primitive))
        {
            return new AvroPrimitiveSchema(primitive, null);
        }

        if (!name.Contains('.', StringComparison.Ordinal) && enclosingNamespace is { Length: > 0 }
            && _named.TryGetValue($"{enclosingNamespace}.{name}", out var inNamespace))
        {
            return inNamespace;
        }

        if (_named.TryGetValue(name, out var named))
        {
            return named;
        }

        throw Error(path, $"unknown type \"{name}\" (not a primitive type nor a named type defined earlier in the document)");
    }

    private AvroUnionSchema ReadUnion(JsonElement element, string? enclosingNamespace, string path)
    {
        var branches = new List<AvroSchema>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var branchPath = $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
            var branch = Read(item, enclosingNamespace, branchPath);
            if (branch.Type == AvroType.Union)
            {
                throw Error(branchPath, "a union may not directly contain another union");
            }

            var identity = branch is AvroNamedSchema named ? named.FullName : branch.Type.ToString();
            if (!seen.Add(identity))
            {
                throw Error(branchPath, $"the union already has a branch of type {AvroArraySchema.Short(branch)}");
            }

            branches.Add(branch);
            index++;
        }

        return branches.Count == 0 ? throw Error(path, "a union needs at least one branch") : new AvroUnionSchema(branches);
    }

    private AvroSchema ReadObject(JsonElement element, string? enclosingNamespace, string path)
    {
        if (!element.TryGetProperty("type", out var typeElement))
        {
            throw Error(path, "a schema object needs a \"type\" attribute");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            // {"type": {...}} or {"type": [...]}: a schema wrapped in an object; Avro's parsers accept it.
            return Read(typeElement, enclosingNamespace, path);
        }

        var type = typeElement.GetString()!;
        switch (type)
        {
            case "record":
            case "error":
                return ReadRecord(element, enclosingNamespace, path, type == "error");
            case "enum":
                return ReadEnum(element, enclosingNamespace, path);
            case "fixed":
                return ReadFixed(element, enclosingNamespace, path);
            case "array":
                return new AvroArraySchema(Read(Required(element, "items", path), enclosingNamespace, $"{path}.items"));
            case "map":
                return new AvroMapSchema(Read(Required(element, "values", path), enclosingNamespace, $"{path}.values"));
        }

        if (Primitives.TryGetValue(type, out var primitive))
        {
            return new AvroPrimitiveSchema(primitive, ReadLogicalType(element, primitive, 0));
        }

        return Resolve(type, enclosingNamespace, path);
    }

    private AvroRecordSchema ReadRecord(JsonElement element, string? enclosingNamespace, string path, bool isError)
    {
        var (name, ns) = ReadName(element, enclosingNamespace, path);
        var record = new AvroRecordSchema(name, ns, OptionalString(element, "doc", path), ReadAliases(element, ns, path), isError);
        Register(record, path);

        var fieldsElement = Required(element, "fields", path);
        if (fieldsElement.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"\"fields\" must be an array, got {Describe(fieldsElement)}");
        }

        var fields = new List<AvroField>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fieldElement in fieldsElement.EnumerateArray())
        {
            var position = fields.Count;
            var fieldPath = $"{path}.fields[{position.ToString(CultureInfo.InvariantCulture)}]";
            if (fieldElement.ValueKind != JsonValueKind.Object)
            {
                throw Error(fieldPath, $"a field must be an object, got {Describe(fieldElement)}");
            }

            var fieldName = RequiredString(fieldElement, "name", fieldPath);
            if (!IsValidName(fieldName))
            {
                throw Error(fieldPath, $"invalid field name \"{fieldName}\" (must match [A-Za-z_][A-Za-z0-9_]*)");
            }

            fieldPath = $"{path}.{fieldName}";
            if (!names.Add(fieldName))
            {
                throw Error(fieldPath, "duplicate field name");
            }

            var schema = Read(Required(fieldElement, "type", fieldPath), ns, fieldPath);
            JsonElement? defaultValue = fieldElement.TryGetProperty("default", out var d) ? d.Clone() : null;
            var aliases = ReadStringArray(fieldElement, "aliases", fieldPath);
            var field = new AvroField(fieldName, schema, position, OptionalString(fieldElement, "doc", fieldPath), defaultValue, aliases);
            if (defaultValue.HasValue)
            {
                _defaults.Add((field, fieldPath));
            }

            fields.Add(field);
        }

        record.SetFields(fields);
        return record;
    }

    private AvroEnumSchema ReadEnum(JsonElement element, string? enclosingNamespace, string path)
    {
        var (name, ns) = ReadName(element, enclosingNamespace, path);
        var symbolsElement = Required(element, "symbols", path);
        if (symbolsElement.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"\"symbols\" must be an array of strings, got {Describe(symbolsElement)}");
        }

        var symbols = new List<string>();
        foreach (var symbol in symbolsElement.EnumerateArray())
        {
            var text = symbol.ValueKind == JsonValueKind.String ? symbol.GetString()! : throw Error(path, $"an enum symbol must be a string, got {Describe(symbol)}");
            if (!IsValidName(text))
            {
                throw Error(path, $"invalid enum symbol \"{text}\" (must match [A-Za-z_][A-Za-z0-9_]*)");
            }

            if (symbols.Contains(text, StringComparer.Ordinal))
            {
                throw Error(path, $"duplicate enum symbol \"{text}\"");
            }

            symbols.Add(text);
        }

        var defaultSymbol = OptionalString(element, "default", path);
        if (defaultSymbol is not null && !symbols.Contains(defaultSymbol, StringComparer.Ordinal))
        {
            throw Error(path, $"the enum default \"{defaultSymbol}\" is not one of its symbols");
        }

        var schema = new AvroEnumSchema(name, ns, OptionalString(element, "doc", path), ReadAliases(element, ns, path), symbols, defaultSymbol);
        Register(schema, path);
        return schema;
    }

    private AvroFixedSchema ReadFixed(JsonElement element, string? enclosingNamespace, string path)
    {
        var (name, ns) = ReadName(element, enclosingNamespace, path);
        var sizeElement = Required(element, "size", path);
        if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt32(out var size) || size < 0)
        {
            throw Error(path, $"\"size\" must be a non-negative integer, got {Describe(sizeElement)}");
        }

        var schema = new AvroFixedSchema(name, ns, OptionalString(element, "doc", path), ReadAliases(element, ns, path), size, ReadLogicalType(element, AvroType.Fixed, size));
        Register(schema, path);
        return schema;
    }

    /// <summary>The valid logical type of a primitive or fixed schema; an invalid one is ignored (Avro specification, "Logical Types").</summary>
    private static AvroLogicalType? ReadLogicalType(JsonElement element, AvroType type, int fixedSize)
    {
        if (!element.TryGetProperty("logicalType", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var name = nameElement.GetString()!;
        switch (name)
        {
            case AvroLogicalType.Decimal when type is AvroType.Bytes or AvroType.Fixed:
                if (!TryGetInt(element, "precision", out var precision) || precision < 1)
                {
                    return null;
                }

                var scale = element.TryGetProperty("scale", out _) ? (TryGetInt(element, "scale", out var s) ? s : -1) : 0;
                if (scale < 0 || scale > precision)
                {
                    return null;
                }

                return type == AvroType.Fixed && precision > MaxDecimalPrecision(fixedSize) ? null : new AvroLogicalType(name, precision, scale);
            case AvroLogicalType.Uuid when type == AvroType.String:
            case AvroLogicalType.Date or AvroLogicalType.TimeMillis when type == AvroType.Int:
            case AvroLogicalType.TimeMicros or AvroLogicalType.TimestampMillis or AvroLogicalType.TimestampMicros
                or AvroLogicalType.LocalTimestampMillis or AvroLogicalType.LocalTimestampMicros when type == AvroType.Long:
            case AvroLogicalType.Duration when type == AvroType.Fixed && fixedSize == 12:
                return new AvroLogicalType(name);
            default:
                return null;
        }
    }

    /// <summary>The most decimal digits a two's-complement number of <paramref name="size"/> bytes holds: floor(log10(2^(8·size−1) − 1)).</summary>
    private static int MaxDecimalPrecision(int size) => size == 0 ? 0 : (int)Math.Floor(((8.0 * size) - 1) * Math.Log10(2));

    private static bool TryGetInt(JsonElement element, string name, out int value)
    {
        value = 0;
        return element.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }

    private (string Name, string? Namespace) ReadName(JsonElement element, string? enclosingNamespace, string path)
    {
        var name = RequiredString(element, "name", path);
        string? ns;
        var lastDot = name.LastIndexOf('.');
        if (lastDot >= 0)
        {
            ns = name[..lastDot];
            name = name[(lastDot + 1)..];
        }
        else
        {
            ns = element.TryGetProperty("namespace", out var nsElement)
                ? nsElement.ValueKind switch
                {
                    JsonValueKind.String => nsElement.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw Error(path, $"\"namespace\" must be a string, got {Describe(nsElement)}"),
                }
                : enclosingNamespace;
        }

        if (!IsValidName(name))
        {
            throw Error(path, $"invalid name \"{name}\" (must match [A-Za-z_][A-Za-z0-9_]*)");
        }

        if (ns is { Length: > 0 } && !ns.Split('.').All(IsValidName))
        {
            throw Error(path, $"invalid namespace \"{ns}\" (dot-separated names matching [A-Za-z_][A-Za-z0-9_]*)");
        }

        if (Primitives.ContainsKey(name) && string.IsNullOrEmpty(ns))
        {
            throw Error(path, $"a named type cannot be called \"{name}\" (a primitive type name)");
        }

        return (name, string.IsNullOrEmpty(ns) ? null : ns);
    }

    private IReadOnlyList<string> ReadAliases(JsonElement element, string? ns, string path) =>
        [.. ReadStringArray(element, "aliases", path).Select(alias => alias.Contains('.', StringComparison.Ordinal) || ns is null ? alias : $"{ns}.{alias}")];

    private void Register(AvroNamedSchema schema, string path)
    {
        if (!_named.TryAdd(schema.FullName, schema))
        {
            throw Error(path, $"the named type \"{schema.FullName}\" is defined twice");
        }
    }

    private void CheckDefaults()
    {
        foreach (var (field, path) in _defaults)
        {
            // A union's default must match its first branch (Avro specification, "Unions").
            var schema = field.Schema is AvroUnionSchema union ? union.Branches[0] : field.Schema;
            var errors = AvroValidator.Validate(schema, field.DefaultValue!.Value, path);
            if (errors.Count > 0)
            {
                var what = field.Schema is AvroUnionSchema ? $"the first branch of the union, {AvroArraySchema.Short(schema)}" : field.Schema.ToString();
                throw Error(path, $"the default value does not match {what}: {errors[0].Message}");
            }
        }
    }

    private static bool IsValidName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonElement Required(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? value : throw Error(path, $"missing the \"{name}\" attribute");

    private static string RequiredString(JsonElement element, string name, string path)
    {
        var value = Required(element, name, path);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(path, $"\"{name}\" must be a string, got {Describe(value)}");
    }

    private static string? OptionalString(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error(path, $"\"{name}\" must be a string, got {Describe(value)}");
    }

    private static List<string> ReadStringArray(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw Error(path, $"\"{name}\" must be an array of strings, got {Describe(value)}");
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{element.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => element.GetRawText(),
    };

    private static AvroSchemaException Error(string path, string message) => new($"{path}: {message}");
}
