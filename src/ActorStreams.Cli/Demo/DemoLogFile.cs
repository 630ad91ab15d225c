using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cli.Demo;

/// <summary>
/// Writes the nodes' logs to a file while the live view owns the terminal, one line per message with a UTC
/// timestamp (the console format of <see cref="CliLogging"/>), so logging never garbles the view.
/// </summary>
internal sealed class DemoLogFile : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;
    private bool _disposed;

    private DemoLogFile(string path, StreamWriter writer, TimeProvider time)
    {
        Path = path;
        _writer = writer;
        _time = time;
    }

    /// <summary>The log file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Creates <c>artifacts/logs/demo-&lt;UTC time&gt;.log</c> under <paramref name="home"/>, or in the temporary
    /// directory when that is not writable.
    /// </summary>
    public static DemoLogFile Create(string home, TimeProvider time)
    {
        var name = $"demo-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Environment.ProcessId}.log";
        IOException? firstFailure = null;
        foreach (var directory in new[] { System.IO.Path.Combine(home, "artifacts", "logs"), System.IO.Path.GetTempPath() })
        {
            try
            {
                Directory.CreateDirectory(directory);
                var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, name));
                var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
                return new DemoLogFile(path, new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true }, time);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                firstFailure ??= new IOException(e.Message, e);
            }
        }

        throw new ActorStreamsException($"demo: cannot create a log file under {home}/artifacts/logs or {System.IO.Path.GetTempPath()}: {firstFailure!.Message}", firstFailure);
    }

    /// <summary>A logger factory writing Information and above here (the Kafka layer's chatter: warnings and above).</summary>
    public ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("ActorStreams.Kafka", LogLevel.Warning)
            .AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _writer.Dispose();
            }
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = new StringBuilder(128 + message.Length);
        line.Append(_time.GetUtcNow().ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture))
            .Append(Abbreviation(level)).Append(": ").Append(category).Append(": ").Append(message);
        if (exception is not null)
        {
            line.Append('\n').Append(exception);
        }

        lock (_gate)
        {
            if (!_disposed)
            {
                _writer.WriteLine(line.ToString());
            }
        }
    }

    private static string Abbreviation(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private sealed class FileLogger(DemoLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                file.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
