using Microsoft.Extensions.Logging;

namespace ActorStreams.Actors.Internal;

/// <summary>The runtime's log events.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Actor {Path} failed; supervisor decided {Directive}")]
    public static partial void ActorFailed(ILogger logger, Exception exception, ActorPath path, Directive directive);

    [LoggerMessage(2, LogLevel.Warning, "Actor {Path} exceeded {MaxNrOfRetries} restarts within {Window}; stopping it")]
    public static partial void RestartLimitExceeded(ILogger logger, ActorPath path, int maxNrOfRetries, TimeSpan window);

    [LoggerMessage(3, LogLevel.Error, "Lifecycle hook {Hook} of actor {Path} failed")]
    public static partial void HookFailed(ILogger logger, Exception exception, string hook, ActorPath path);

    [LoggerMessage(4, LogLevel.Critical, "Failure escalated to the root guardian from {Path}; stopping the user tree and terminating the system")]
    public static partial void EscalatedToRoot(ILogger logger, Exception exception, ActorPath path);

    [LoggerMessage(5, LogLevel.Information, "Dead letter ({Reason}) from {Sender} to {Recipient}: {MessageType}")]
    public static partial void DeadLetter(ILogger logger, DeadLetterReason reason, string sender, ActorPath recipient, string messageType);

    [LoggerMessage(6, LogLevel.Debug, "Dead letter ({Reason}) from {Sender} to {Recipient}: {MessageType}")]
    public static partial void DeadLetterDebug(ILogger logger, DeadLetterReason reason, string sender, ActorPath recipient, string messageType);

    [LoggerMessage(7, LogLevel.Information, "Coordinated shutdown started, reason {Reason}")]
    public static partial void ShutdownStarted(ILogger logger, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Coordinated shutdown phase {Phase} timed out after {Timeout}; continuing with the next phase")]
    public static partial void ShutdownPhaseTimedOut(ILogger logger, string phase, TimeSpan timeout);

    [LoggerMessage(9, LogLevel.Warning, "Coordinated shutdown task {Task} of phase {Phase} failed")]
    public static partial void ShutdownTaskFailed(ILogger logger, Exception exception, string task, string phase);

    [LoggerMessage(10, LogLevel.Warning, "Coordinated shutdown task {Task} added to phase {Phase} after the phase started; it will not run")]
    public static partial void ShutdownTaskTooLate(ILogger logger, string task, string phase);

    [LoggerMessage(11, LogLevel.Debug, "Unhandled message {MessageType} from {Sender} in {Recipient}")]
    public static partial void Unhandled(ILogger logger, string messageType, string sender, ActorPath recipient);

    [LoggerMessage(12, LogLevel.Error, "Actor {Path} failed while stopping")]
    public static partial void FailedWhileStopping(ILogger logger, Exception exception, ActorPath path);

    [LoggerMessage(13, LogLevel.Error, "Processing system message {MessageType} in {Path} failed")]
    public static partial void SystemMessageFailed(ILogger logger, Exception exception, string messageType, ActorPath path);
}
