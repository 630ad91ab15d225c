namespace ActorStreams.Hocon.Internal;

/// <summary>
/// A value concatenation that could not be folded while parsing because it contains substitutions:
/// strings join (keeping inner whitespace), arrays append, objects merge.
/// </summary>
internal sealed class ConcatenationNode : Node
{
    public ConcatenationNode(ConfigOrigin origin, List<Node> pieces)
        : base(origin)
    {
        Pieces = pieces;
        HasSubstitution = pieces.Exists(p => p is SubstitutionNode);
    }

    public List<Node> Pieces { get; }

    /// <summary>A substitution directly among the pieces makes the field potentially self-referential.</summary>
    public bool HasSubstitution { get; }
}
