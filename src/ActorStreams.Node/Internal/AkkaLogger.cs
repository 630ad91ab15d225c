using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;
using AkkaLogLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorStreams.Node.Internal;

/// <summary>
/// Akka's logger (<c>akka.loggers</c>) writing to the node's <see cref="ILoggerFactory"/>, so that Akka's own messages
/// (cluster membership, sharding, persistence) and the node's appear in one log, with the log source as category.
/// </summary>
internal sealed class AkkaLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _factory;
    private readonly Dictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public AkkaLogger()
    {
        _factory = Context.System.Settings.Setup.Get<LoggingSetup>().Value?.LoggerFactory
            ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Log);
    }

    private void Log(LogEvent e)
    {
        var category = "Akka." + (e.LogClass?.Name ?? "Actor");
        if (!_loggers.TryGetValue(category, out var logger))
        {
            logger = _factory.CreateLogger(category);
            _loggers[category] = logger;
        }

        var level = e.LogLevel() switch
        {
            AkkaLogLevel.DebugLevel => LogLevel.Debug,
            AkkaLogLevel.InfoLevel => LogLevel.Information,
            AkkaLogLevel.WarningLevel => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        if (!logger.IsEnabled(level))
        {
            return;
        }

#pragma warning disable CA1848, CA2254 // Akka's messages arrive formatted: there is no template to pre-compile.
        logger.Log(level, e.Cause, "[{Source}] {Message}", e.LogSource, e.Message?.ToString());
#pragma warning restore CA1848, CA2254
    }
}
