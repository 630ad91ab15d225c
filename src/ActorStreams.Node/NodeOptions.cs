using ActorStreams.Hocon;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node;

/// <summary>How to start a node: its resolved configuration and what the host provides.</summary>
public sealed record NodeOptions
{
    /// <summary>The resolved configuration (see <see cref="NodeConfiguration.Load"/>).</summary>
    public required Config Config { get; init; }

    /// <summary>Where logs go; default: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Wall-clock time; default: the system clock.</summary>
    public TimeProvider? Time { get; init; }
}
