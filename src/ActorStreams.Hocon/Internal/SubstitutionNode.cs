namespace ActorStreams.Hocon.Internal;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. In an included file the path is fixed up with the include point
/// as a prefix; <see cref="PrefixLength"/> keys of it are that prefix, so the lookup can fall back to the
/// path as written.
/// </summary>
internal sealed class SubstitutionNode : Node
{
    public SubstitutionNode(ConfigOrigin origin, HoconPath path, bool optional, int prefixLength, string expression)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        PrefixLength = prefixLength;
        Expression = expression;
    }

    public HoconPath Path { get; }

    public bool Optional { get; }

    public int PrefixLength { get; }

    /// <summary>The substitution as written, for error messages.</summary>
    public string Expression { get; }

    /// <summary>The path relative to the root of the file that contains it.</summary>
    public HoconPath WrittenPath => Path.Skip(PrefixLength);
}
