namespace ActorStreams.Hocon.Internal;

/// <summary>A value that needs no resolution: a literal, or an already resolved object or list.</summary>
internal sealed class ValueNode : Node
{
    public ValueNode(ConfigValue value)
        : base(value.Origin ?? new ConfigOrigin("unknown", 0, 0))
    {
        Value = value;
    }

    public ConfigValue Value { get; }
}
