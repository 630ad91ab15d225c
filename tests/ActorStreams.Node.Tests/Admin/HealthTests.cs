using System.Net;
using System.Text.Json;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Admin;

/// <summary>
/// <c>GET /health</c> while a node starts: its admin API answers from before it joins the cluster (so a port in use
/// fails the start early), and says 503 <c>starting</c> until the node has joined and runs its partitions, so that a
/// readiness probe or a compose health check does not count it ready too early.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HealthTests(ITestOutputHelper output) : ClusterTest(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Health_WhileTheNodeCannotJoinYet_Answers503Starting()
    {
        var port = FreePorts.Next();
        var cluster = CreateCluster(("actorstreams.http.port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var cancel = new CancellationTokenSource();

        // Its seed node is not running (nothing listens on the seed's port): the node waits to join.
        var start = cluster.StartNodeAsync("node-1", [("akka.cluster.seed-nodes", $"[\"akka.tcp://actorstreams@127.0.0.1:{FreePorts.Next()}\"]")], cancel.Token);
        (HttpStatusCode Status, string Body)? answer = null;
        await Eventually.UntilAsync(
            async () => (answer = await TryGetAsync(cluster, port)) is not null,
            Timeout,
            "the admin API answers while the node waits to join");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<Exception>(() => start);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer!.Value.Status);
        using var body = JsonDocument.Parse(answer.Value.Body);
        Assert.Equal("starting", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("node-1", body.RootElement.GetProperty("node_id").GetString());
        Assert.False(start.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Health_OnceStarted_Answers200Up()
    {
        var cluster = CreateCluster();
        var node = await cluster.StartNodeAsync("node-1");

        var (status, body) = await cluster.GetAsync(node, "/health");

        Assert.True(node.IsStarted);
        Assert.Equal((HttpStatusCode.OK, "up"), (status, body.GetProperty("status").GetString()));
    }

    private static async Task<(HttpStatusCode, string)?> TryGetAsync(TestCluster cluster, int port)
    {
        try
        {
            using var response = await cluster.Http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

}
