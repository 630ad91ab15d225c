using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorStreams.Node.Admin;

/// <summary>How a node asks other nodes' admin APIs: fan-out queries and forwarded requests, each with a timeout.</summary>
internal sealed class AdminClient : IDisposable
{
    /// <summary>The header marking a forwarded request; a forwarded request is never forwarded again.</summary>
    public const string ForwardedHeader = "X-ActorStreams-Forwarded";

    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public AdminClient(TimeProvider time)
    {
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            UseProxy = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>GETs <paramref name="path"/> from <paramref name="address"/> and parses a 200 body; the error otherwise.</summary>
    public async Task<(T? Body, string? Error)> GetAsync<T>(string address, string path, JsonTypeInfo<T> type, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var response = await SendAsync(HttpMethod.Get, address, path, timeout, cancellationToken).ConfigureAwait(false);
            if (response.Status != HttpStatusCode.OK)
            {
                return (null, $"HTTP {(int)response.Status}");
            }

            return (JsonSerializer.Deserialize(response.Body, type), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or JsonException)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Sends a forwarded request and returns the answer's status, content type and body.</summary>
    /// <exception cref="HttpRequestException">No answer (refused, reset).</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public async Task<Answer> SendAsync(HttpMethod method, string address, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        using var request = new HttpRequestMessage(method, new Uri($"http://{address}{path}"));
        request.Headers.Add(ForwardedHeader, "1");
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer from {address} within {timeout.TotalSeconds:0.#} s", ex);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A forwarded request's answer.</summary>
    internal sealed record Answer(HttpStatusCode Status, string? ContentType, byte[] Body);
}
