namespace ActorStreams.Generator.Avro;

/// <summary>A <c>record</c> (or <c>error</c>) schema: an ordered list of named fields. May refer to itself (recursive types).</summary>
public sealed class AvroRecordSchema : AvroNamedSchema
{
    private IReadOnlyList<AvroField> _fields = [];
    private Dictionary<string, AvroField> _byName = new(StringComparer.Ordinal);

    internal AvroRecordSchema(string name, string? @namespace, string? doc, IReadOnlyList<string> aliases, bool isError)
        : base(AvroType.Record, null, name, @namespace, doc, aliases)
    {
        IsError = isError;
    }

    /// <summary>The fields in declaration order.</summary>
    public IReadOnlyList<AvroField> Fields => _fields;

    /// <summary>True when declared as <c>"type": "error"</c>.</summary>
    public bool IsError { get; }

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public AvroField? GetField(string name) => _byName.GetValueOrDefault(name);

    /// <inheritdoc />
    public override string ToString() => $"record {FullName}";

    /// <summary>Sets the fields once they are parsed (after the record is registered, so fields can refer to it).</summary>
    internal void SetFields(IReadOnlyList<AvroField> fields)
    {
        _fields = fields;
        _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }
}
