using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Support;

/// <summary>
/// Sends the nodes' warnings and errors to the output of the test running now (<see cref="Output"/>, set by each test of
/// a class fixture); <c>ACTORSTREAMS_IT_LOG_LEVEL</c> (e.g. <c>Information</c>) lowers the level when investigating.
/// </summary>
public sealed class TestOutputLoggerFactory : ILoggerFactory
{
    private static readonly LogLevel Level =
        Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("ACTORSTREAMS_IT_LOG_LEVEL"), ignoreCase: true, out var level) ? level : LogLevel.Warning;

    /// <summary>Where log lines go now (none when null).</summary>
    public ITestOutputHelper? Output { get; set; }

    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(TestOutputLoggerFactory factory, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Level;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || factory.Output is not { } output)
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
