namespace ActorStreams.Hocon.Internal;

/// <summary>An object literal: each key maps to all its definitions in order, lowest priority first.</summary>
internal sealed class ObjectNode : Node
{
    public ObjectNode(ConfigOrigin origin)
        : base(origin)
    {
    }

    public OrderedDictionary<string, List<Node>> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a definition of <paramref name="key"/> that overrides (or merges with) the earlier ones.</summary>
    public void Add(string key, Node value)
    {
        if (!Fields.TryGetValue(key, out var layers))
        {
            layers = [];
            Fields.Add(key, layers);
        }

        layers.Add(value);
    }

    /// <summary>Adds every definition of <paramref name="other"/> after the existing ones, as if written here.</summary>
    public void AddAll(ObjectNode other)
    {
        foreach (var (key, layers) in other.Fields)
        {
            foreach (var layer in layers)
            {
                Add(key, layer);
            }
        }
    }
}
