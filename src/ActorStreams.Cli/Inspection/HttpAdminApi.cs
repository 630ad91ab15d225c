using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;

namespace ActorStreams.Cli.Inspection;

/// <summary>
/// <see cref="IAdminApi"/> over HTTP. Every request, and the opening of a stream, is bounded by the timeout;
/// a stream once open is read for as long as the caller wants. Transport failures become messages such as
/// <c>cannot reach node at 127.0.0.1:9110: connection refused</c>, error answers the API's <c>error</c>.
/// </summary>
internal sealed class HttpAdminApi : IAdminApi, IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    /// <summary>The environment variable whose value, when set, goes with every request as the admin bearer token.</summary>
    public const string TokenVariable = "ACTORSTREAMS__HTTP__ADMIN_TOKEN";

    public HttpAdminApi(NodeAddress address, TimeSpan timeout)
        : this(address, timeout, new SocketsHttpHandler { ConnectTimeout = timeout, UseProxy = false, AllowAutoRedirect = false }, Environment.GetEnvironmentVariable(TokenVariable))
    {
    }

    /// <summary>A client sending through <paramref name="handler"/> (tests answer without a network), with an optional admin token.</summary>
    internal HttpAdminApi(NodeAddress address, TimeSpan timeout, HttpMessageHandler handler, string? token = null)
    {
        Address = address;
        _timeout = timeout;
        _client = new HttpClient(handler) { BaseAddress = address.BaseUri, Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("actorstreams-cmd/" + typeof(HttpAdminApi).Assembly.GetName().Version?.ToString(3));
        if (!string.IsNullOrEmpty(token))
        {
            _client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
    }

    public NodeAddress Address { get; }

    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, path, cancellationToken).ConfigureAwait(false);
        return body ?? throw new AdminApiException($"node at {Address} answered GET {path} without a body");
    }

    public Task<JsonElement?> PostAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, cancellationToken);

    public async Task<Stream> OpenStreamAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Relative(path));
            request.Headers.Accept.ParseAdd("text/event-stream");
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                throw ErrorAnswerOf(HttpMethod.Get, path, response, text);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new OwningStream(stream, response);
        }
        catch (Exception ex) when (ex is not AdminApiException && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw Unreachable(ex);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The message of a transport failure.</summary>
    internal AdminApiException Unreachable(Exception ex)
    {
        var reason = ex switch
        {
            OperationCanceledException or TimeoutException => $"no answer within {Formats.Duration(_timeout)}",
            HttpRequestException { InnerException: SocketException socket } => SocketReason(socket),
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "unknown host",
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "the connection closed before an answer",
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse } => "it does not speak HTTP (is that the admin API port?)",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS handshake failed",
            IOException { InnerException: SocketException socket } => SocketReason(socket),
            _ => ex.Message,
        };
        return new AdminApiException($"cannot reach node at {Address}: {reason}", null, ex);
    }

    private static string SocketReason(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "unknown host",
        SocketError.TimedOut => "connection timed out",
        SocketError.HostUnreachable or SocketError.HostDown => "host unreachable",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable",
        SocketError.ConnectionReset => "connection reset",
        _ => socket.Message,
    };

    private static string Relative(string path) => path.TrimStart('/');

    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(method, Relative(path));
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ErrorAnswerOf(method, path, response, text);
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new AdminApiException($"node at {Address} answered {method} {path} with malformed JSON: {ex.Message}", response.StatusCode, ex);
            }
        }
        catch (Exception ex) when (ex is not AdminApiException && !cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(ex);
        }
    }

    private AdminApiException ErrorAnswerOf(HttpMethod method, string path, HttpResponseMessage response, string text)
    {
        var status = response.StatusCode;
        var message = ErrorMessage(text);
        var statusText = $"{((int)status).ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}".TrimEnd();
        return new AdminApiException(message ?? $"node at {Address} answered {method} {path} with {statusText}", status);
    }

    private static string? ErrorMessage(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(error.GetString()))
            {
                return error.GetString();
            }

            // GET /health answers 503 with only a status (stopping, faulted).
            return root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
                ? $"status {status.GetString()}"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A response stream that releases its response (and so the connection) when disposed.</summary>
    private sealed class OwningStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
