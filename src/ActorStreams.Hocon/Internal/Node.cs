namespace ActorStreams.Hocon.Internal;

/// <summary>
/// A parsed, not yet resolved value. Objects keep every definition of each field in order (the
/// "layers" of that field) so substitutions can be resolved lazily and self-references can look back.
/// </summary>
internal abstract class Node
{
    protected Node(ConfigOrigin origin)
    {
        Origin = origin;
    }

    public ConfigOrigin Origin { get; }
}
