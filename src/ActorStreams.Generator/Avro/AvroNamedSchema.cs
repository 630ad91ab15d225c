namespace ActorStreams.Generator.Avro;

/// <summary>A named schema (record, enum or fixed): referable by its full name from elsewhere in the document.</summary>
public abstract class AvroNamedSchema : AvroSchema
{
    private protected AvroNamedSchema(AvroType type, AvroLogicalType? logicalType, string name, string? @namespace, string? doc, IReadOnlyList<string> aliases)
        : base(type, logicalType)
    {
        Name = name;
        Namespace = @namespace;
        Doc = doc;
        Aliases = aliases;
    }

    /// <summary>The simple name, e.g. <c>Transaction</c>.</summary>
    public string Name { get; }

    /// <summary>The namespace, or null for none.</summary>
    public string? Namespace { get; }

    /// <summary>The full name: <c>namespace.name</c>, or the name alone without a namespace.</summary>
    public string FullName => Namespace is { Length: > 0 } ns ? $"{ns}.{Name}" : Name;

    /// <summary>The <c>doc</c> attribute, or null.</summary>
    public string? Doc { get; }

    /// <summary>Alternative full names (<c>aliases</c>).</summary>
    public IReadOnlyList<string> Aliases { get; }
}
