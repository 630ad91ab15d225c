namespace ActorStreams.Hocon.Internal;

/// <summary>
/// The set of "look back only" restrictions in force while resolving: each one says that, while the
/// definition <see cref="Node"/> of the field at <see cref="Path"/> is being resolved, lookups of that
/// field see only the definitions below it. Contexts are interned so they can key memo tables.
/// </summary>
internal sealed class ResolveContext
{
    public static readonly ResolveContext Empty = new(null, null!, null!);

    private readonly ResolveContext? _parent;

    // The distinct restricted paths: a chain of `+=` restricts one path many times, and relation checks
    // must not grow with the length of the chain.
    private readonly HashSet<HoconPath> _paths;
    private Dictionary<(HoconPath, Node), ResolveContext>? _children;

    private ResolveContext(ResolveContext? parent, HoconPath path, Node node)
    {
        _parent = parent;
        Path = path;
        Node = node;
        _paths = parent is null ? [] : parent._paths.Contains(path) ? parent._paths : [.. parent._paths, path];
    }

    public HoconPath Path { get; }

    public Node Node { get; }

    public bool IsEmpty => _parent is null;

    public ResolveContext With(HoconPath path, Node node)
    {
        _children ??= [];
        if (!_children.TryGetValue((path, node), out var child))
        {
            child = new ResolveContext(this, path, node);
            _children.Add((path, node), child);
        }

        return child;
    }

    /// <summary>The restrictions, innermost first.</summary>
    public IEnumerable<ResolveContext> Restrictions
    {
        get
        {
            for (var context = this; context._parent is not null; context = context._parent)
            {
                yield return context;
            }
        }
    }

    /// <summary>True when no restriction concerns <paramref name="path"/>, its ancestors or its descendants.</summary>
    public bool IsUnrelatedTo(HoconPath path)
    {
        foreach (var restricted in _paths)
        {
            if (restricted.StartsWith(path) || path.StartsWith(restricted))
            {
                return false;
            }
        }

        return true;
    }
}
