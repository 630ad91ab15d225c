namespace ActorStreams.Generator.Avro;

/// <summary>An <c>array</c> schema: a JSON array whose items all match <see cref="Items"/>.</summary>
public sealed class AvroArraySchema : AvroSchema
{
    internal AvroArraySchema(AvroSchema items)
        : base(AvroType.Array, null)
    {
        Items = items;
    }

    /// <summary>The schema of every item.</summary>
    public AvroSchema Items { get; }

    /// <inheritdoc />
    public override string ToString() => $"array<{Short(Items)}>";

    internal static string Short(AvroSchema schema) => schema is AvroNamedSchema named ? named.Name : schema.ToString();
}
