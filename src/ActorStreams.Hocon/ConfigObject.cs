using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ActorStreams.Hocon;

/// <summary>
/// An object of resolved values. Keys keep the order in which they were first defined
/// (fallback definitions first), so rendered output follows the files.
/// </summary>
public sealed class ConfigObject : ConfigValue, IReadOnlyDictionary<string, ConfigValue>
{
    private readonly OrderedDictionary<string, ConfigValue> _fields;

    internal ConfigObject(OrderedDictionary<string, ConfigValue> fields, ConfigOrigin? origin)
        : base(origin)
    {
        _fields = fields;
    }

    /// <inheritdoc />
    public override ConfigValueType ValueType => ConfigValueType.Object;

    /// <inheritdoc />
    public int Count => _fields.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _fields.Keys;

    /// <inheritdoc />
    public IEnumerable<ConfigValue> Values => _fields.Values;

    /// <inheritdoc />
    public ConfigValue this[string key] => _fields[key];

    /// <inheritdoc />
    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ConfigValue value) => _fields.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, ConfigValue>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _fields.GetEnumerator();
}
