namespace ActorStreams.Hocon.Internal;

/// <summary>Whitespace between two pieces of a value concatenation: kept between strings, ignored next to arrays and objects.</summary>
internal sealed class WhitespaceNode : Node
{
    public WhitespaceNode(string text, ConfigOrigin origin)
        : base(origin)
    {
        Text = text;
    }

    public string Text { get; }
}
