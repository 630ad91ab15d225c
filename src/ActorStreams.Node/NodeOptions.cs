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

    /// <summary>The clock the job scheduler's timers run on (docs/lake.md, Scheduled jobs); default: <see cref="Time"/>. Tests drive it.</summary>
    public TimeProvider? JobsTime { get; init; }
}
