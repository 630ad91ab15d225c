using Akka.Actor.Setup;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Internal;

/// <summary>Hands the node's logger factory to <see cref="AkkaLogger"/> through the actor system's setup.</summary>
internal sealed class LoggingSetup(ILoggerFactory loggerFactory) : Setup
{
    public ILoggerFactory LoggerFactory { get; } = loggerFactory;
}
