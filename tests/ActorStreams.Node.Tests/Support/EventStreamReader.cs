using System.Text.Json;
using Xunit.Sdk;

namespace ActorStreams.Node.Tests.Support;

/// <summary>A client of <c>GET /api/events</c>: parses the server-sent events as they arrive.</summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _stop = new();

    private EventStreamReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>The response's content type.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>Every event read so far: its <c>event:</c> type and its <c>data:</c> JSON.</summary>
    public List<(string Type, JsonElement Data)> Received { get; } = [];

    /// <summary>Opens the stream of the admin API at <paramref name="address"/>.</summary>
    public static async Task<EventStreamReader> OpenAsync(HttpClient http, string address)
    {
        var response = await http.GetAsync(new Uri($"http://{address}/api/events"), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return new EventStreamReader(response, reader);
    }

    /// <summary>
    /// Reads events until one of <paramref name="type"/> satisfies <paramref name="match"/>, ignoring the first
    /// <paramref name="skip"/> events of the stream; fails the test after <paramref name="timeout"/>.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool> match, TimeSpan timeout, int skip = 0)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        deadline.CancelAfter(timeout);
        foreach (var (t, data) in Received.Skip(skip))
        {
            if (t == type && match(data))
            {
                return data;
            }
        }

        string? eventType = null;
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(deadline.Token) ?? throw FailException.ForFailure("the event stream ended");
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    eventType = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    using var json = JsonDocument.Parse(line["data: ".Length..]);
                    var data = json.RootElement.Clone();
                    Received.Add((eventType ?? "?", data));
                    Assert.Equal(eventType, data.GetProperty("type").GetString());
                    if (Received.Count > skip && eventType == type && match(data))
                    {
                        return data;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw FailException.ForFailure($"no {type} event within {timeout.TotalSeconds:0} s; received: {string.Join(", ", Received.Select(r => r.Data.ToString()))}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _reader.Dispose();
        _response.Dispose();
        _stop.Dispose();
    }
}
