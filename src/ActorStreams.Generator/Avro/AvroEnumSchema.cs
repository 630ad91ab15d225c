namespace ActorStreams.Generator.Avro;

/// <summary>An <c>enum</c> schema: a value is one of <see cref="Symbols"/>, written as a JSON string.</summary>
public sealed class AvroEnumSchema : AvroNamedSchema
{
    private readonly HashSet<string> _symbolSet;

    internal AvroEnumSchema(string name, string? @namespace, string? doc, IReadOnlyList<string> aliases, IReadOnlyList<string> symbols, string? defaultSymbol)
        : base(AvroType.Enum, null, name, @namespace, doc, aliases)
    {
        Symbols = symbols;
        DefaultSymbol = defaultSymbol;
        _symbolSet = new HashSet<string>(symbols, StringComparer.Ordinal);
    }

    /// <summary>The symbols in declaration order.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The enum's <c>default</c> symbol (used by readers for unknown symbols), or null.</summary>
    public string? DefaultSymbol { get; }

    /// <summary>True when <paramref name="symbol"/> is one of <see cref="Symbols"/>.</summary>
    public bool Contains(string symbol) => _symbolSet.Contains(symbol);

    /// <inheritdoc />
    public override string ToString() => $"enum {FullName}";
}
