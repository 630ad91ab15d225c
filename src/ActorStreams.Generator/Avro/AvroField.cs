using System.Text.Json;

namespace ActorStreams.Generator.Avro;

/// <summary>A field of a record schema.</summary>
public sealed class AvroField
{
    internal AvroField(string name, AvroSchema schema, int position, string? doc, JsonElement? defaultValue, IReadOnlyList<string> aliases)
    {
        Name = name;
        Schema = schema;
        Position = position;
        Doc = doc;
        DefaultValue = defaultValue;
        Aliases = aliases;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>The field's schema.</summary>
    public AvroSchema Schema { get; }

    /// <summary>Zero-based position in the record.</summary>
    public int Position { get; }

    /// <summary>The <c>doc</c> attribute, or null.</summary>
    public string? Doc { get; }

    /// <summary>The <c>default</c> value (already checked against the schema), or null when the field has none.</summary>
    public JsonElement? DefaultValue { get; }

    /// <summary>True when the field has a default, so a record may omit it.</summary>
    public bool HasDefault => DefaultValue.HasValue;

    /// <summary>Alternative names (<c>aliases</c>).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Schema}";
}
