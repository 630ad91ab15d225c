namespace ActorStreams.Hocon.Internal;

/// <summary>An array literal whose elements may still need resolution.</summary>
internal sealed class ArrayNode : Node
{
    public ArrayNode(ConfigOrigin origin, List<Node> elements)
        : base(origin)
    {
        Elements = elements;
    }

    public List<Node> Elements { get; }
}
