using System.Collections;

namespace ActorStreams.Hocon;

/// <summary>How substitutions are resolved: whether and where they fall back to environment variables.</summary>
public sealed record ConfigResolveOptions
{
    /// <summary>Falls back to the process environment.</summary>
    public static ConfigResolveOptions Default { get; } = new();

    /// <summary>
    /// When true (the default), a substitution whose path the configuration does not define looks up the
    /// environment variable named by the path (keys joined with dots). Its value is always a string.
    /// </summary>
    public bool UseEnvironment { get; init; } = true;

    /// <summary>The environment to fall back to, as variable name to value; null means the process environment.</summary>
    public IDictionary? Environment { get; init; }
}
