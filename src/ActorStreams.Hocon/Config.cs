using ActorStreams.Hocon.Internal;

namespace ActorStreams.Hocon;

/// <summary>
/// An immutable configuration. Parsing gives an unresolved configuration when the text has
/// substitutions; combine configurations with <see cref="WithFallback"/> and call <see cref="Resolve()"/>
/// once, so substitutions and self-references see every layer. Getters take HOCON path expressions
/// (<c>a.b."c.d"</c>) and name the full path, the value and its origin in their errors.
/// </summary>
public sealed partial class Config
{
    private readonly IReadOnlyList<Node> _layers;
    private readonly ConfigObject? _root;
    private readonly HoconPath _prefix;
    private IReadOnlyList<KeyValuePair<string, ConfigValue>>? _entries;

    /// <summary>Creates a configuration from root definitions (lowest first); resolves it at once when nothing needs resolving.</summary>
    internal Config(IReadOnlyList<Node> layers, HoconPath prefix)
    {
        _layers = layers;
        _prefix = prefix;
        if (!layers.Any(HoconParser.ContainsSubstitution))
        {
            // The definitions are kept: a later WithFallback must still know that a non-object hid an object.
            _root = Resolver.ResolveRoot(layers, environment: null);
        }
    }

    internal Config(ConfigObject root, HoconPath prefix)
    {
        _root = root;
        _layers = [new ValueNode(root)];
        _prefix = prefix;
    }

    /// <summary>True when the configuration has no unresolved substitutions, so its values can be read.</summary>
    public bool IsResolved => _root is not null;

    /// <summary>The path this configuration was taken from with <see cref="GetConfig"/>; empty for a root configuration.</summary>
    public string Path => _prefix.Render();

    /// <summary>The root object. Throws when the configuration is not resolved.</summary>
    public ConfigObject Root => RequireResolved();

    /// <summary>
    /// Every leaf value (anything but an object: strings, numbers, booleans, null and lists) with its path
    /// relative to this configuration, in definition order. Empty objects have no entries.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, ConfigValue>> Entries => _entries ??= Flatten(RequireResolved());

    /// <summary>Resolves substitutions, falling back to the process environment for paths the configuration lacks.</summary>
    /// <returns>The resolved configuration (this one when already resolved).</returns>
    public Config Resolve() => Resolve(ConfigResolveOptions.Default);

    /// <summary>Resolves substitutions with the given options.</summary>
    /// <param name="options">Whether and where substitutions fall back to environment variables.</param>
    /// <returns>The resolved configuration (this one when already resolved).</returns>
    /// <exception cref="ConfigResolveException">A required substitution is undefined, or a concatenation mixes types.</exception>
    /// <exception cref="ConfigCycleException">Substitutions form a cycle.</exception>
    public Config Resolve(ConfigResolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_root is not null)
        {
            return this;
        }

        var environment = options.UseEnvironment ? EnvironmentVariables.Lookup(options.Environment) : null;
        return new Config(Resolver.ResolveRoot(_layers, environment), _prefix);
    }

    /// <summary>
    /// Layers <paramref name="fallback"/> below this configuration: this one's values win, objects merge,
    /// and self-references in this configuration (<c>a = ${a} [x]</c>) see the fallback's values.
    /// Works on unresolved configurations; resolve the result once.
    /// </summary>
    /// <param name="fallback">The configuration with lower precedence.</param>
    /// <returns>The combined configuration.</returns>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new Config([.. fallback._layers, .. _layers], _prefix);
    }

    /// <summary>Renders the configuration as JSON: nested objects, numbers as written, booleans, null and strings.</summary>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true) => JsonRenderer.Render(RequireResolved(), indented);

    /// <summary>Renders a resolved configuration as compact JSON.</summary>
    public override string ToString() => _root is null ? "Config(unresolved)" : JsonRenderer.Render(_root, indented: false);

    private ConfigObject RequireResolved()
    {
        if (_root is not null)
        {
            return _root;
        }

        var example = _layers.Select(FirstSubstitution).FirstOrDefault(s => s is not null);
        var detail = example is null ? string.Empty : $" (it still contains substitutions such as {example.Expression} at {example.Origin})";
        throw new ConfigException($"the configuration is not resolved: call Resolve() before reading values{detail}");
    }

    private static SubstitutionNode? FirstSubstitution(Node node) => node switch
    {
        SubstitutionNode s => s,
        ConcatenationNode c => c.Pieces.Select(FirstSubstitution).FirstOrDefault(s => s is not null),
        ObjectNode o => o.Fields.Values.SelectMany(layers => layers).Select(FirstSubstitution).FirstOrDefault(s => s is not null),
        ArrayNode a => a.Elements.Select(FirstSubstitution).FirstOrDefault(s => s is not null),
        _ => null,
    };

    private static List<KeyValuePair<string, ConfigValue>> Flatten(ConfigObject root)
    {
        var entries = new List<KeyValuePair<string, ConfigValue>>();
        Walk(root, HoconPath.Root);
        return entries;

        void Walk(ConfigObject obj, HoconPath path)
        {
            foreach (var (key, value) in obj)
            {
                var child = path.Child(key);
                if (value is ConfigObject nested)
                {
                    Walk(nested, child);
                }
                else
                {
                    entries.Add(new(child.Render(), value));
                }
            }
        }
    }
}
