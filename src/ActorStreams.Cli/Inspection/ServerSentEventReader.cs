using System.Runtime.CompilerServices;
using System.Text;

namespace ActorStreams.Cli.Inspection;

/// <summary>
/// Reads a <c>text/event-stream</c> (the WHATWG server-sent events format): <c>field: value</c> lines, events
/// dispatched on a blank line, <c>data</c> lines joined with newlines, comment lines (<c>: keep-alive</c>)
/// ignored but counted as signs of life, an unfinished event at the end of the stream dropped.
/// </summary>
internal sealed class ServerSentEventReader
{
    private readonly TextReader _reader;
    private readonly TimeSpan _idleTimeout;

    /// <param name="reader">The stream's text.</param>
    /// <param name="idleTimeout">
    /// How long the stream may stay silent (no event, no comment) before it is considered dead, since a peer that
    /// vanished from the network never closes the connection; infinite to wait for ever.
    /// </param>
    public ServerSentEventReader(TextReader reader, TimeSpan idleTimeout)
    {
        _reader = reader;
        _idleTimeout = idleTimeout;
    }

    /// <summary>Reads a stream of UTF-8 text.</summary>
    public ServerSentEventReader(Stream stream, TimeSpan idleTimeout)
        : this(new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false), idleTimeout)
    {
    }

    /// <summary>The events until the stream ends.</summary>
    /// <exception cref="TimeoutException">Nothing arrived for the idle timeout.</exception>
    public async IAsyncEnumerable<ServerSentEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? type = null;
        var data = new StringBuilder();
        var hasData = false;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new ServerSentEvent(string.IsNullOrEmpty(type) ? "message" : type, data.ToString());
                }

                type = null;
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
                default:
                    // id and retry matter only to reconnecting browsers; unknown fields are ignored by the format.
                    break;
            }
        }
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        if (_idleTimeout == Timeout.InfiniteTimeSpan)
        {
            return await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_idleTimeout);
        try
        {
            return await _reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"nothing arrived for {Formats.Duration(_idleTimeout)}");
        }
    }
}
