using System.Globalization;

namespace ActorStreams.Generator.Avro;

/// <summary>A <c>fixed</c> schema: exactly <see cref="Size"/> bytes, written in JSON as a string of code points U+0000–U+00FF.</summary>
public sealed class AvroFixedSchema : AvroNamedSchema
{
    internal AvroFixedSchema(string name, string? @namespace, string? doc, IReadOnlyList<string> aliases, int size, AvroLogicalType? logicalType)
        : base(AvroType.Fixed, logicalType, name, @namespace, doc, aliases)
    {
        Size = size;
    }

    /// <summary>The number of bytes.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public override string ToString() => $"fixed {FullName}({Size.ToString(CultureInfo.InvariantCulture)})" + (LogicalType is null ? string.Empty : $" ({LogicalType})");
}
