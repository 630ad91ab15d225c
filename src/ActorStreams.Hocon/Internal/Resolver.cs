namespace ActorStreams.Hocon.Internal;

/// <summary>
/// Resolves substitutions lazily over the layers of every field.
/// <list type="bullet">
/// <item>A field's value is its definitions merged from the top: objects merge with the objects below
/// them until a non-object hides the rest; an undefined optional substitution leaves the field as it was.</item>
/// <item>A lookup navigates the path through the layers, resolving only the layers it must look into,
/// so <c>bar { foo = 42, baz = ${bar.foo} }</c> works.</item>
/// <item>While a definition that is a substitution (or a concatenation with one) of field F is resolved,
/// lookups of F see only the definitions below it: that is how <c>path = ${path} [x]</c> looks back,
/// including at definitions from fallback configurations.</item>
/// <item>Re-entering a definition being resolved is an unbreakable cycle.</item>
/// </list>
/// </summary>
internal sealed class Resolver
{
    private const string ArrayElement = "an array element";

    private readonly IReadOnlyList<Node> _root;
    private readonly Func<string, string?>? _environment;
    private readonly Dictionary<(Node, ResolveContext), ConfigValue?> _nodeMemo = new(NodeContextComparer.Instance);
    private readonly Dictionary<HoconPath, ConfigValue?> _fieldMemo = [];
    private readonly HashSet<Node> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<Frame> _frames = [];

    private Resolver(IReadOnlyList<Node> root, Func<string, string?>? environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>Resolves the root layers (lowest priority first) into one object.</summary>
    public static ConfigObject ResolveRoot(IReadOnlyList<Node> layers, Func<string, string?>? environment)
    {
        var resolver = new Resolver(layers, environment);
        return resolver.ResolveLayers(layers, HoconPath.Root, ResolveContext.Empty, global: true) as ConfigObject
            ?? new ConfigObject(new OrderedDictionary<string, ConfigValue>(StringComparer.Ordinal), null);
    }

    /// <summary>Resolves a node that contains no substitutions (an override value) on its own.</summary>
    public static ConfigValue ResolveStandalone(Node node) =>
        new Resolver([], null).ResolveNode(node, null, ResolveContext.Empty)
        ?? throw new InvalidOperationException("a literal value cannot be undefined");

    /// <summary>Merges two resolved objects as duplicate keys do: <paramref name="top"/> wins, objects merge recursively.</summary>
    public static ConfigObject Merge(ConfigObject top, ConfigObject bottom)
    {
        var fields = new OrderedDictionary<string, ConfigValue>(StringComparer.Ordinal);
        foreach (var (key, value) in bottom)
        {
            fields[key] = value;
        }

        foreach (var (key, value) in top)
        {
            fields[key] = value is ConfigObject topObject && fields.TryGetValue(key, out var below) && below is ConfigObject bottomObject
                ? Merge(topObject, bottomObject)
                : value;
        }

        return new ConfigObject(fields, top.Origin ?? bottom.Origin);
    }

    /// <summary>The value of a field from its definitions (lowest first); null when it ends up undefined.</summary>
    private ConfigValue? ResolveLayers(IReadOnlyList<Node> layers, HoconPath? path, ResolveContext context, bool global)
    {
        List<object>? objects = null;
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            var shallow = Shallow(layers[i], path, context);
            if (shallow is null)
            {
                continue;
            }

            if (shallow is ObjectNode or ConfigObject)
            {
                (objects ??= []).Add(shallow);
                continue;
            }

            if (objects is null)
            {
                return (ConfigValue)shallow;
            }

            break;
        }

        if (objects is null)
        {
            return null;
        }

        if (objects.Count == 1 && objects[0] is ConfigObject only)
        {
            return only;
        }

        // Keys in order of first definition: the lowest layer's keys come first.
        var keys = new OrderedDictionary<string, List<Node>>(StringComparer.Ordinal);
        for (var i = objects.Count - 1; i >= 0; i--)
        {
            switch (objects[i])
            {
                case ObjectNode node:
                    foreach (var (key, definitions) in node.Fields)
                    {
                        LayersOf(keys, key).AddRange(definitions);
                    }

                    break;
                case ConfigObject resolved:
                    foreach (var (key, value) in resolved)
                    {
                        LayersOf(keys, key).Add(new ValueNode(value));
                    }

                    break;
            }
        }

        var fields = new OrderedDictionary<string, ConfigValue>(keys.Count, StringComparer.Ordinal);
        foreach (var (key, definitions) in keys)
        {
            var childPath = path?.Child(key);
            var value = global && childPath is not null
                ? ResolveGlobalField(definitions, childPath, context)
                : ResolveLayers(definitions, childPath, context, global: false);
            if (value is not null)
            {
                fields.Add(key, value);
            }
        }

        var origin = objects[0] is ObjectNode top ? top.Origin : ((ConfigObject)objects[0]).Origin;
        return new ConfigObject(fields, origin);

        static List<Node> LayersOf(OrderedDictionary<string, List<Node>> keys, string key)
        {
            if (!keys.TryGetValue(key, out var list))
            {
                list = [];
                keys.Add(key, list);
            }

            return list;
        }
    }

    private ConfigValue? ResolveGlobalField(IReadOnlyList<Node> layers, HoconPath path, ResolveContext context)
    {
        var memoable = context.IsUnrelatedTo(path);
        if (memoable && _fieldMemo.TryGetValue(path, out var memo))
        {
            return memo;
        }

        var value = ResolveLayers(layers, path, context, global: true);
        if (memoable)
        {
            _fieldMemo[path] = value;
        }

        return value;
    }

    /// <summary>Resolves a layer only as far as needed to know whether it is an object: returns an ObjectNode, a ConfigValue, or null (undefined).</summary>
    private object? Shallow(Node layer, HoconPath? path, ResolveContext context) => layer switch
    {
        ObjectNode node => node,
        ValueNode value => value.Value,
        _ => ResolveNode(layer, path, context),
    };

    /// <summary>Resolves one definition. <paramref name="path"/> is the field it defines, or null for an array element.</summary>
    private ConfigValue? ResolveNode(Node node, HoconPath? path, ResolveContext context)
    {
        switch (node)
        {
            case ValueNode value:
                return value.Value;
            case ObjectNode obj:
                return ResolveLayers([obj], path, context, global: false);
        }

        if (_nodeMemo.TryGetValue((node, context), out var memo))
        {
            return memo;
        }

        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ConfigResolveException(node.Origin, $"substitutions are nested too deeply to resolve ({_frames.Count} levels, for example a very long chain of += or self-references to one field)");
        }

        if (!_inProgress.Add(node))
        {
            throw new CycleSignal(CycleFrom(_frames.FindIndex(f => ReferenceEquals(f.Node, node)), path?.Render() ?? ArrayElement));
        }

        _frames.Add(new Frame(node, path));
        ConfigValue? result;
        try
        {
            result = node switch
            {
                SubstitutionNode s => ResolveSubstitution(s, path is null ? context : context.With(path, s)),
                ConcatenationNode c => ResolveConcatenation(c, path, path is not null && c.HasSubstitution ? context.With(path, c) : context),
                ArrayNode a => ResolveArray(a, context),
                _ => throw new InvalidOperationException($"unexpected node {node.GetType().Name}"),
            };
        }
        finally
        {
            _inProgress.Remove(node);
            _frames.RemoveAt(_frames.Count - 1);
        }

        _nodeMemo[(node, context)] = result;
        return result;
    }

    private ConfigList ResolveArray(ArrayNode array, ResolveContext context)
    {
        var items = new List<ConfigValue>(array.Elements.Count);
        foreach (var element in array.Elements)
        {
            // Elements are never self-referential: `a = [${a}]` is an unbreakable cycle.
            var value = ResolveNode(element, null, context);
            if (value is not null)
            {
                items.Add(value);
            }
        }

        return new ConfigList([.. items], array.Origin);
    }

    private ConfigValue? ResolveConcatenation(ConcatenationNode concatenation, HoconPath? path, ResolveContext context)
    {
        Piece? accumulated = null;
        foreach (var node in concatenation.Pieces)
        {
            Piece piece;
            switch (node)
            {
                case WhitespaceNode whitespace:
                    piece = new Piece(null, whitespace.Text, whitespace.Origin);
                    break;
                case SubstitutionNode substitution:
                    var value = ResolveSubstitution(substitution, context);
                    if (value is null)
                    {
                        continue;
                    }

                    piece = new Piece(value, null, substitution.Origin);
                    break;
                case ObjectNode obj:
                    piece = new Piece(ResolveLayers([obj], path, context, global: false)!, null, obj.Origin);
                    break;
                default:
                    piece = new Piece(ResolveNode(node, null, context)!, null, node.Origin);
                    break;
            }

            accumulated = accumulated is null ? piece : Join(accumulated.Value, piece, path, concatenation);
        }

        // Nothing but whitespace left (every substitution was an undefined optional one): the field stays undefined.
        return accumulated?.Value;
    }

    private static Piece Join(Piece left, Piece right, HoconPath? path, ConcatenationNode concatenation)
    {
        switch (left.Value, right.Value)
        {
            case (null, null):
                return new Piece(null, left.Whitespace + right.Whitespace, left.Origin);
            case (ConfigObject first, ConfigObject second):
                return new Piece(Merge(top: second, bottom: first), null, left.Origin);
            case (ConfigList first, ConfigList second):
                return new Piece(new ConfigList([.. first, .. second], first.Origin), null, left.Origin);
            case (ConfigObject or ConfigList, null):
                return left;
            case (null, ConfigObject or ConfigList):
                return right;
            case (ConfigObject or ConfigList, _):
            case (_, ConfigObject or ConfigList):
                var where = path is null ? "an array element" : $"the value of {path.Render()}";
                throw new ConfigResolveException(right.Origin,
                    $"cannot concatenate {DescribePiece(left)} with {DescribePiece(right)} in {where} (written at {concatenation.Origin}): a value concatenation must be all objects, all arrays or all simple values");
            default:
                var text = string.Concat(left.Text, right.Text);
                return new Piece(new ConfigString(text, left.Value?.Origin ?? left.Origin), null, left.Origin);
        }

        static string DescribePiece(Piece piece) => piece.Value is null ? "whitespace" : Concatenation.Describe(piece.Value);
    }

    private ConfigValue? ResolveSubstitution(SubstitutionNode substitution, ResolveContext context)
    {
        _frames.Add(new Frame(null, substitution.Path));
        try
        {
            var (value, cut) = Lookup(substitution.Path, context);
            if (value is null && substitution.PrefixLength > 0)
            {
                // In an included file, fall back from the fixed-up path to the path as written.
                var (unprefixed, unprefixedCut) = Lookup(substitution.WrittenPath, context);
                value = unprefixed;
                cut ??= unprefixedCut;
            }

            var name = substitution.WrittenPath.JoinRaw();
            if (value is null && _environment?.Invoke(name) is { } text)
            {
                value = new ConfigString(text, new ConfigOrigin($"environment variable {name}", 0, 0));
            }

            if (value is not null || substitution.Optional)
            {
                return value;
            }

            if (cut is not null)
            {
                throw SelfReferenceError(substitution, cut);
            }

            var where = _environment is null ? "in the configuration" : "in the configuration or as an environment variable";
            var written = substitution.WrittenPath.Render();
            var also = substitution.PrefixLength > 0 ? $", nor is {substitution.Path.Render()} (the path relative to the include point)" : string.Empty;
            throw new ConfigResolveException(substitution.Origin,
                $"could not resolve substitution {substitution.Expression}: {written} is not defined {where}{also} (use ${{?...}} if it is optional)");
        }
        catch (CycleSignal signal)
        {
            if (substitution.Optional)
            {
                return null;
            }

            throw new ConfigCycleException(substitution.Origin,
                $"could not resolve substitution {substitution.Expression}: substitution cycle {string.Join(" -> ", signal.Cycle)}", signal.Paths);
        }
        finally
        {
            _frames.RemoveAt(_frames.Count - 1);
        }
    }

    private ConfigResolveException SelfReferenceError(SubstitutionNode substitution, ResolveContext cut)
    {
        var start = _frames.FindIndex(f => ReferenceEquals(f.Node, cut.Node));
        var cycle = CycleFrom(start, closing: null);
        var field = cut.Path.Render();
        if (cycle.Paths.Count <= 2)
        {
            return new ConfigResolveException(substitution.Origin,
                $"could not resolve substitution {substitution.Expression}: it refers to {field}, the field it defines, and no earlier definition of {field} provides {substitution.Path.Render()} (a self-reference only sees earlier values; use ${{?...}} if it is optional)");
        }

        return new ConfigCycleException(substitution.Origin,
            $"could not resolve substitution {substitution.Expression}: substitution cycle {string.Join(" -> ", cycle.Cycle)}, and no earlier definition of {field} breaks it",
            cycle.Paths);
    }

    /// <summary>Looks a path up over the whole configuration; also returns the restriction that hid layers on the way, if any.</summary>
    private (ConfigValue? Value, ResolveContext? Cut) Lookup(HoconPath path, ResolveContext context)
    {
        if (context.IsUnrelatedTo(path) && _fieldMemo.TryGetValue(path, out var memo))
        {
            return (memo, null);
        }

        var layers = Navigate(path, context, out var cut);
        var value = ResolveGlobalField(layers, path, context);
        return (value, cut);
    }

    /// <summary>The definitions of the field at <paramref name="path"/>, found by walking the layers of each ancestor.</summary>
    private List<Node> Navigate(HoconPath path, ResolveContext context, out ResolveContext? cut)
    {
        cut = null;
        IReadOnlyList<Node> layers = _root;
        var current = HoconPath.Root;
        List<Node> found = [];
        for (var depth = 0; depth < path.Length; depth++)
        {
            var key = path[depth];
            found = [];
            for (var i = layers.Count - 1; i >= 0; i--)
            {
                var shallow = Shallow(layers[i], current, context);
                if (shallow is null)
                {
                    continue;
                }

                if (shallow is ObjectNode node)
                {
                    if (node.Fields.TryGetValue(key, out var definitions))
                    {
                        for (var j = definitions.Count - 1; j >= 0; j--)
                        {
                            found.Add(definitions[j]);
                        }
                    }

                    continue;
                }

                if (shallow is ConfigObject resolved)
                {
                    if (resolved.TryGetValue(key, out var value))
                    {
                        found.Add(new ValueNode(value));
                    }

                    continue;
                }

                break;
            }

            found.Reverse();
            current = current.Child(key);
            var cutAt = FirstCut(found, current, context, out var restrictionHere);
            if (cutAt >= 0)
            {
                found.RemoveRange(cutAt, found.Count - cutAt);
                cut = restrictionHere;
            }

            layers = found;
        }

        return found;
    }

    /// <summary>The index of the lowest definition that a restriction on <paramref name="path"/> hides, or -1.</summary>
    private static int FirstCut(List<Node> definitions, HoconPath path, ResolveContext context, out ResolveContext? restriction)
    {
        restriction = null;
        Dictionary<Node, ResolveContext>? cuts = null;
        foreach (var candidate in context.Restrictions)
        {
            if (candidate.Path.Equals(path))
            {
                (cuts ??= new(ReferenceEqualityComparer.Instance)).TryAdd(candidate.Node, candidate);
            }
        }

        if (cuts is null)
        {
            return -1;
        }

        for (var i = 0; i < definitions.Count; i++)
        {
            if (cuts.TryGetValue(definitions[i], out restriction))
            {
                return i;
            }
        }

        return -1;
    }

    private CycleDescription CycleFrom(int start, string? closing)
    {
        var names = new List<string>();
        var paths = new List<string>();
        for (var i = Math.Max(0, start); i < _frames.Count; i++)
        {
            var frame = _frames[i];
            var rendered = frame.Path?.Render() ?? ArrayElement;

            // A lookup immediately followed by the definition it reached says the same thing twice.
            var next = i + 1 < _frames.Count ? _frames[i + 1] : default;
            var nextRendered = i + 1 < _frames.Count ? next.Path?.Render() ?? ArrayElement : closing;
            if (frame.Node is null && (i + 1 < _frames.Count ? next.Node is not null : closing is not null) && rendered == nextRendered)
            {
                continue;
            }

            paths.Add(rendered);
            names.Add(frame.Node is null ? rendered : $"{rendered} ({frame.Node.Origin})");
        }

        if (closing is not null)
        {
            paths.Add(closing);
            names.Add(closing);
        }

        return new CycleDescription(names, paths);
    }

    /// <summary>A definition being resolved (Node set) or a substitution's lookup in progress (Node null), for cycle reports.</summary>
    private readonly record struct Frame(Node? Node, HoconPath? Path);

    private readonly record struct Piece(ConfigValue? Value, string? Whitespace, ConfigOrigin Origin)
    {
        public string Text => Value is null ? Whitespace! : Concatenation.TextOf(Value);
    }

    private sealed record CycleDescription(IReadOnlyList<string> Cycle, IReadOnlyList<string> Paths);

    /// <summary>Unwinds to the innermost substitution being resolved, which turns it into an error (or undefined, if optional).</summary>
    private sealed class CycleSignal : Exception
    {
        public CycleSignal(CycleDescription description)
            : base("substitution cycle")
        {
            Cycle = description.Cycle;
            Paths = description.Paths;
        }

        public IReadOnlyList<string> Cycle { get; }

        public IReadOnlyList<string> Paths { get; }
    }

    private sealed class NodeContextComparer : IEqualityComparer<(Node, ResolveContext)>
    {
        public static readonly NodeContextComparer Instance = new();

        public bool Equals((Node, ResolveContext) x, (Node, ResolveContext) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((Node, ResolveContext) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
