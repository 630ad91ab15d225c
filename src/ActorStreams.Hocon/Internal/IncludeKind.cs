namespace ActorStreams.Hocon.Internal;

/// <summary>How an include statement names what it includes.</summary>
internal enum IncludeKind
{
    /// <summary><c>include "name"</c>: a file next to the including file (or a resource next to the including resource).</summary>
    Heuristic,

    /// <summary><c>include file("name")</c>.</summary>
    File,

    /// <summary><c>include classpath("name")</c>: an embedded resource found by the include resolver.</summary>
    Classpath,

    /// <summary><c>include url("...")</c>: not supported.</summary>
    Url,
}
