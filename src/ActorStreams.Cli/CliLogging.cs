using Microsoft.Extensions.Logging;

namespace ActorStreams.Cli;

/// <summary>Console logging of the long-running commands: one line per message, with a UTC timestamp, on standard error.</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(LogLevel level) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddFilter("ActorStreams.Kafka", level == LogLevel.Debug ? LogLevel.Debug : LogLevel.Warning)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
                options.UseUtcTimestamp = true;
            }));
}
