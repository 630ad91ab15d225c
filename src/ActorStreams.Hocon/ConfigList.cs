using System.Collections;

namespace ActorStreams.Hocon;

/// <summary>An array of resolved values.</summary>
public sealed class ConfigList : ConfigValue, IReadOnlyList<ConfigValue>
{
    private readonly ConfigValue[] _items;

    internal ConfigList(ConfigValue[] items, ConfigOrigin? origin)
        : base(origin)
    {
        _items = items;
    }

    /// <inheritdoc />
    public override ConfigValueType ValueType => ConfigValueType.List;

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public ConfigValue this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<ConfigValue> GetEnumerator() => ((IEnumerable<ConfigValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
