namespace ActorStreams.Generator.Avro;

/// <summary>A primitive schema: <c>null</c>, <c>boolean</c>, <c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>, <c>bytes</c> or <c>string</c>, possibly with a logical type.</summary>
public sealed class AvroPrimitiveSchema : AvroSchema
{
    internal AvroPrimitiveSchema(AvroType type, AvroLogicalType? logicalType)
        : base(type, logicalType)
    {
    }

    /// <summary>The Avro name of the type, e.g. <c>long</c>.</summary>
    public string Name => NameOf(Type);

    /// <inheritdoc />
    public override string ToString() => LogicalType is null ? Name : $"{Name} ({LogicalType})";

    internal static string NameOf(AvroType type) => type switch
    {
        AvroType.Null => "null",
        AvroType.Boolean => "boolean",
        AvroType.Int => "int",
        AvroType.Long => "long",
        AvroType.Float => "float",
        AvroType.Double => "double",
        AvroType.Bytes => "bytes",
        AvroType.String => "string",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a primitive type"),
    };
}
