using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorStreams.Cli.Inspection;

namespace ActorStreams.Cli.Tests.Inspection;

[Trait("Category", "Unit")]
public sealed class HttpAdminApiTests
{
    private static readonly NodeAddress Node = NodeAddress.Parse("127.0.0.1:9110");

    [Fact]
    public async Task Get_Ok_ReturnsTheBodyAndSendsTheRelativePath()
    {
        var handler = new CannedHandler(HttpStatusCode.OK, CannedJson.Health);
        using var api = new HttpAdminApi(Node, TimeSpan.FromSeconds(5), handler);

        var body = await api.GetAsync("/api/cluster", CancellationToken.None);

        Assert.Equal("node-1", body.GetProperty("node_id").GetString());
        Assert.Equal(new Uri("http://127.0.0.1:9110/api/cluster"), handler.LastRequest);
    }

    [Fact]
    public async Task Post_WithAdminToken_SendsItAsBearer_WithoutNone()
    {
        var handler = new CannedHandler(HttpStatusCode.Accepted, """{"node_id":"node-2","status":"leaving"}""");
        using (var api = new HttpAdminApi(Node, TimeSpan.FromSeconds(5), handler, token: "t0k-3n"))
        {
            await api.PostAsync("/api/cluster/leave/node-2", CancellationToken.None);
        }

        Assert.Equal("Bearer t0k-3n", handler.LastAuthorization);
        using (var api = new HttpAdminApi(Node, TimeSpan.FromSeconds(5), handler))
        {
            await api.PostAsync("/api/cluster/leave/node-2", CancellationToken.None);
        }

        Assert.Null(handler.LastAuthorization);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"error":"owner node-3 of customer partition 7 is unreachable"}""", "owner node-3 of customer partition 7 is unreachable")]
    [InlineData(HttpStatusCode.NotFound, """{"error":"customer \"42\" not found"}""", "customer \"42\" not found")]
    [InlineData(HttpStatusCode.NotFound, "<html>no</html>", "node at 127.0.0.1:9110 answered GET /api/shards with 404 Not Found")]
    [InlineData(HttpStatusCode.InternalServerError, "", "node at 127.0.0.1:9110 answered GET /api/shards with 500 Internal Server Error")]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"status":"stopping","node_id":"node-1"}""", "status stopping")]
    public async Task Get_ErrorStatus_TheApisMessageAndTheStatus(HttpStatusCode status, string body, string message)
    {
        using var api = new HttpAdminApi(Node, TimeSpan.FromSeconds(5), new CannedHandler(status, body));

        var error = await Assert.ThrowsAsync<AdminApiException>(() => api.GetAsync("/api/shards", CancellationToken.None));

        Assert.Equal(message, error.Message);
        Assert.Equal(status, error.Status);
        Assert.False(error.Unreachable);
    }

    [Fact]
    public async Task Get_MalformedJson_SaysSo()
    {
        using var api = new HttpAdminApi(Node, TimeSpan.FromSeconds(5), new CannedHandler(HttpStatusCode.OK, "{\"members\":"));

        var error = await Assert.ThrowsAsync<AdminApiException>(() => api.GetAsync("/api/cluster", CancellationToken.None));

        Assert.StartsWith("node at 127.0.0.1:9110 answered GET /api/cluster with malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Accepted_NoBodyIsNull()
    {
        using var api = new HttpAdminApi(Node, TimeSpan.FromSeconds(5), new CannedHandler(HttpStatusCode.Accepted, ""));

        Assert.Null(await api.PostAsync("/api/cluster/leave/node-2", CancellationToken.None));
    }

    [Fact]
    public async Task Get_NoAnswerWithinTheTimeout_UnreachableWithTheTimeout()
    {
        using var api = new HttpAdminApi(Node, TimeSpan.FromMilliseconds(100), new SilentHandler());

        var error = await Assert.ThrowsAsync<AdminApiException>(() => api.GetAsync("/api/cluster", CancellationToken.None));

        Assert.Equal("cannot reach node at 127.0.0.1:9110: no answer within 100ms", error.Message);
        Assert.True(error.Unreachable);
    }

    [Fact]
    public async Task Get_ClosedPort_ConnectionRefused()
    {
        var address = NodeAddress.Parse($"127.0.0.1:{ClosedPort()}");
        using var api = new HttpAdminApi(address, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<AdminApiException>(() => api.GetAsync("/api/cluster", CancellationToken.None));

        Assert.Equal($"cannot reach node at {address}: connection refused", error.Message);
    }

    [Fact]
    public async Task Get_UnknownHost_SaysSo()
    {
        using var api = new HttpAdminApi(NodeAddress.Parse("no-such-host.invalid:9110"), TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<AdminApiException>(() => api.GetAsync("/api/cluster", CancellationToken.None));

        Assert.Equal("cannot reach node at no-such-host.invalid:9110: unknown host", error.Message);
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class CannedHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public Uri? LastRequest { get; private set; }

        public string? LastAuthorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequest = request.RequestUri;
            LastAuthorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private sealed class SilentHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
