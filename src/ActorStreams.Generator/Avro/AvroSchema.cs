using ActorStreams.Generator.Avro.Internal;

namespace ActorStreams.Generator.Avro;

/// <summary>
/// A parsed Avro schema (an <c>.avsc</c> document): the model read by <see cref="Parse"/>, validated
/// against by <see cref="AvroValidator"/> and generated from by the schema-driven generator.
/// The Apache.Avro package is not available here; this reader covers the specification's schema
/// declaration (primitives, records, enums, arrays, maps, unions, fixed, named references with
/// namespaces, logical types) and nothing of its binary encoding.
/// </summary>
public abstract class AvroSchema
{
    private protected AvroSchema(AvroType type, AvroLogicalType? logicalType)
    {
        Type = type;
        LogicalType = logicalType;
    }

    /// <summary>The Avro type of this node.</summary>
    public AvroType Type { get; }

    /// <summary>The valid logical type annotation, or null.</summary>
    public AvroLogicalType? LogicalType { get; }

    /// <summary>Parses an Avro schema document (JSON).</summary>
    /// <exception cref="AvroSchemaException">The text is not JSON or not a valid Avro schema; the message says where.</exception>
    public static AvroSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return AvroSchemaReader.Parse(json);
    }

    /// <summary>Reads and parses an <c>.avsc</c> file.</summary>
    /// <exception cref="AvroSchemaException">The file is not a valid Avro schema; the message names the file.</exception>
    public static AvroSchema Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AvroSchemaException($"{path}: cannot read the schema: {e.Message}", e);
        }

        try
        {
            return AvroSchemaReader.Parse(text);
        }
        catch (AvroSchemaException e)
        {
            throw new AvroSchemaException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>A short description used in messages: <c>double</c>, <c>record Transaction</c>, <c>array&lt;string&gt;</c>, <c>union [null, long]</c>.</summary>
    public abstract override string ToString();
}
