using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ActorStreams.Node.Tests.Support;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Admin;

/// <summary>
/// The admin API's mutating endpoint (<c>POST /api/cluster/leave</c>) beyond this host: refused without
/// <c>actorstreams.http.admin-token</c> when the API listens on the network, and with a token only for the right bearer.
/// Reads stay open. A leave for an unknown member answers 404 once it is authorised, so no node leaves here.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AdminTokenTests(ITestOutputHelper output) : ClusterTest(output)
{
    [Fact]
    public async Task Leave_ApiOnTheNetworkWithoutToken_Refused403_ReadsStillAnswered()
    {
        var cluster = CreateCluster(("actorstreams.http.bind", "0.0.0.0"));
        var node = await cluster.StartNodeAsync("node-1");

        var (status, body) = await PostAsync(cluster, node, token: null);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("actorstreams.http.admin-token", body, StringComparison.Ordinal);
        var read = await cluster.Http.GetAsync(Url(node, "/api/cluster"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Leave_WithToken_OnlyTheRightBearerPasses()
    {
        var cluster = CreateCluster(("actorstreams.http.admin-token", "t0k-3n"));
        var node = await cluster.StartNodeAsync("node-1");

        var (missing, missingBody) = await PostAsync(cluster, node, token: null);
        var (wrong, wrongBody) = await PostAsync(cluster, node, token: "guess");
        var (right, rightBody) = await PostAsync(cluster, node, token: "t0k-3n");

        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Contains("needs the admin token", missingBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Contains("the one given is wrong", wrongBody, StringComparison.Ordinal);
        Assert.DoesNotContain("t0k-3n", missingBody + wrongBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, right); // authorised; the member does not exist
        Assert.Contains("no member", rightBody, StringComparison.Ordinal);
        Assert.Equal("node-1", JsonDocument.Parse(await cluster.Http.GetStringAsync(Url(node, "/api/cluster"))).RootElement.GetProperty("self").GetString());
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(TestCluster cluster, ActorStreamsNode node, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(node, "/api/cluster/leave/nobody"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await cluster.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Uri Url(ActorStreamsNode node, string path)
    {
        var address = node.HttpAddress.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        return new Uri($"http://{address}{path}");
    }
}
