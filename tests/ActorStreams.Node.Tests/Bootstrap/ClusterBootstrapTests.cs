using System.Net;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Bootstrap;

/// <summary>
/// Cluster formation through Akka.Management's cluster bootstrap (<c>actorstreams.cluster.discovery</c>), with the
/// <c>config</c> discovery method standing in for the Kubernetes API: two nodes started at once, without seed nodes,
/// find each other's management endpoints, form one cluster and share the partitions (docs/kubernetes.md).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClusterBootstrapTests(ITestOutputHelper output) : ClusterTest(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Bootstrap_TwoNodesWithConfigDiscovery_FormOneClusterAndSharePartitions()
    {
        var cluster = CreateCluster();
        int[] ports = [FreePorts.Next(), FreePorts.Next()];
        var endpoints = "[" + string.Join(", ", ports.Select(p => $"\"127.0.0.1:{p}\"")) + "]";

        var nodes = await Task.WhenAll(
            StartAsync(cluster, "node-1", ports[0], endpoints),
            StartAsync(cluster, "node-2", ports[1], endpoints));

        await TestCluster.UntilSplitAsync(nodes, Timeout);
        var ids = nodes.Select(n => n.NodeId).ToList();
        foreach (var viewer in nodes)
        {
            Assert.Equal(["up", "up"], ids.Select(id => viewer.Membership.Find(id)?.Status));
        }

        // Each contact point answers the other nodes' probes with both members (Akka.Management's JSON protocol).
        var remotingPorts = nodes.Select(n => new Uri(n.AkkaAddress.Replace("akka.tcp://actorstreams@", "tcp://", StringComparison.Ordinal)).Port).ToList();
        foreach (var port in ports)
        {
            using var response = await cluster.Http.GetAsync(new Uri($"http://127.0.0.1:{port}/bootstrap/seed-nodes"));
            var seedNodes = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.All(remotingPorts, p => Assert.Contains($"\"Port\":{p}", seedNodes, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Bootstrap_WithSeedNodesToo_RefusesToStartNamingTheKey()
    {
        var cluster = CreateCluster();

        var error = await Assert.ThrowsAsync<Hocon.ConfigBadValueException>(() => StartAsync(
            cluster, "node-1", 8558, "[\"127.0.0.1:8558\"]", ("akka.cluster.seed-nodes", "[\"akka.tcp://actorstreams@127.0.0.1:4053\"]")));

        Assert.Equal("actorstreams.cluster.discovery", error.Path);
        Assert.Contains("akka.cluster.seed-nodes must be empty", error.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Nodes);
    }

    private static async Task<ActorStreamsNode> StartAsync(TestCluster cluster, string nodeId, int managementPort, string endpoints, params (string Key, string Value)[] extra)
    {
        var started = await cluster.StartNodesTogetherAsync(
            [nodeId],
            [
                ("actorstreams.cluster.discovery", "config"),
                ("actorstreams.cluster.bootstrap.endpoints", endpoints),
                ("actorstreams.cluster.bootstrap.management-port", managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("actorstreams.cluster.bootstrap.management-bind", "127.0.0.1"),
                ("actorstreams.cluster.bootstrap.stable-margin", "1s"),
                ("akka.management.cluster.bootstrap.contact-point.probe-interval", "1s"),
                .. extra,
            ]);
        return started[0];
    }
}
