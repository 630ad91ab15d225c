using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>
/// Sends the node's warnings and errors to the test output, where a failing run shows them; the environment variable
/// <c>ACTORSTREAMS_IT_LOG_LEVEL</c> (e.g. <c>Information</c>) lowers the level when investigating.
/// </summary>
public sealed class TestOutputLoggerFactory(ITestOutputHelper output) : ILoggerFactory
{
    private static readonly LogLevel Level =
        Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("ACTORSTREAMS_IT_LOG_LEVEL"), ignoreCase: true, out var level) ? level : LogLevel.Warning;

    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(ITestOutputHelper output, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Level;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {name}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; late messages have nowhere to go.
            }
        }
    }
}
