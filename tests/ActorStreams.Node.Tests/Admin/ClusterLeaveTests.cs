using System.Net;
using System.Text.Json;
using ActorStreams.Cluster.Membership;
using ActorStreams.Entities;
using ActorStreams.Kafka.Partitioning;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Admin;

/// <summary>Membership changes of a two-node cluster: a graceful leave requested through the admin API, and a member gone silent.</summary>
[Trait("Category", "Integration")]
public sealed class ClusterLeaveTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    private readonly TestOutputLoggerFactory _logs = new() { Output = output };
    private TestCluster? _cluster;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Leave_OtherNodeRequestedThroughTheApi_ItHandsOffAndLeavesAndTheRemainingNodeReportsIt()
    {
        var cluster = _cluster = TestCluster.Create(_logs);
        var node1 = await cluster.StartNodeAsync("node-1");
        var node2 = await cluster.StartNodeAsync("node-2");
        await TestCluster.UntilSplitAsync(cluster.Nodes, Timeout);
        var moving = node2.Region.OwnedShards.Where(s => s.Kind == EntityShards.Customer).Select(s => s.Partition).ToList();
        await using var events = await EventStreamReader.OpenAsync(cluster.Http, node1.HttpAddress);
        await using var leavingEvents = await EventStreamReader.OpenAsync(cluster.Http, node2.HttpAddress);
        // The streams start with the remembered events: only what follows the request counts.
        var (history1, history2) = (node1.Events.Recent.Count, node2.Events.Recent.Count);
        string TransactionsOf(JsonElement e) => string.Join(",", e.GetProperty("partitions").EnumerateArray()
            .Select(p => p.GetString()!).Where(p => p.StartsWith(cluster.Kafka.Topics.Transactions + "-", StringComparison.Ordinal)));

        using var response = await cluster.Http.PostAsync(new Uri($"http://{node1.HttpAddress}/api/cluster/leave/node-2"), content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"node_id\":\"node-2\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await node2.LeaveRequested.WaitAsync(Timeout);
        await node2.Stopped.WaitAsync(Timeout);
        Assert.False(node1.LeaveRequested.IsCompleted);

        // The leaving node announced it, then handed its partitions off.
        await leavingEvents.WaitForAsync("node-leaving", e => e.GetProperty("node_id").GetString() == "node-2", Timeout, history2);
        var moved = string.Join(",", moving.Select(p => $"{cluster.Kafka.Topics.Transactions}-{p}"));
        await leavingEvents.WaitForAsync("partitions-revoked", e => TransactionsOf(e) == moved, Timeout, history2);

        // The remaining node saw it leave (tombstone, never unreachable) and took its partitions over.
        await events.WaitForAsync("member-left", e => e.GetProperty("member").GetString() == "node-2", Timeout, history1);
        var all = string.Join(",", Enumerable.Range(0, TestCluster.Partitions).Select(p => $"{cluster.Kafka.Topics.Transactions}-{p}"));
        await events.WaitForAsync("partitions-assigned", e => TransactionsOf(e) == all, Timeout, history1);
        await events.WaitForAsync("rebalance-finished", _ => true, Timeout, history1);
        Assert.DoesNotContain(events.Received, e => e.Type == "member-unreachable");
        await Eventually.Until(
            () => node1.Membership.Members.Select(m => m.NodeId).SequenceEqual(["node-1"])
                && node1.Membership.Find("node-1")!.Record.PartitionsOf(EntityShards.Customer).SequenceEqual(Enumerable.Range(0, TestCluster.Partitions)),
            Timeout,
            "node-1's view lists itself alone with every partition");
        var (status, body) = await cluster.GetAsync(node1, "/api/cluster");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Heartbeats_StopWithoutATombstone_TheMemberBecomesUnreachableAndItsEntitiesUnavailable()
    {
        var cluster = _cluster = TestCluster.Create(_logs, ("actorstreams.cluster.heartbeat-interval", "300ms"));
        var node1 = await cluster.StartNodeAsync("node-1");
        var node2 = await cluster.StartNodeAsync("node-2");
        await TestCluster.UntilSplitAsync(cluster.Nodes, Timeout);
        await using var events = await EventStreamReader.OpenAsync(cluster.Http, node1.HttpAddress);

        await node2.Heartbeats!.StopAsync(tombstone: false, CancellationToken.None);

        var unreachable = await events.WaitForAsync("member-unreachable", e => e.GetProperty("member").GetString() == "node-2", Timeout);
        Assert.Equal("node-1", unreachable.GetProperty("node_id").GetString());

        // A heartbeat sent just before the stop but read late (a loaded machine) may bring node-2 back up briefly: it
        // is a fresh heartbeat. No later one exists, so the member ends unreachable.
        var member = default(JsonElement);
        await Eventually.UntilAsync(
            async () =>
            {
                var (status, body) = await cluster.GetAsync(node1, "/api/cluster");
                Assert.Equal(HttpStatusCode.OK, status);
                member = body.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("node_id").GetString() == "node-2");
                return member.GetProperty("status").GetString() == "unreachable";
            },
            Timeout,
            "node-1 reports node-2 unreachable in /api/cluster");
        Assert.Equal(node1.Membership.Find("node-2")!.LastHeartbeat.ToUnixTimeMilliseconds(), DateTimeOffset.Parse(member.GetProperty("last_heartbeat").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        Assert.Equal(MemberStatus.Up, node1.Membership.Find("node-1")!.Status);

        // An entity of node-2's partitions: node-1 does not forward to an unreachable owner.
        var partition = node2.Region.OwnedShards.First(s => s.Kind == EntityShards.Customer).Partition;
        var id = Enumerable.Range(1, 1000).First(c => Murmur2Partitioner.Partition(c.ToString(System.Globalization.CultureInfo.InvariantCulture), TestCluster.Partitions) == partition);
        var (entityStatus, error) = await cluster.GetAsync(node1, $"/api/entities/customer/{id}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, entityStatus);
        Assert.Contains("node-2", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
