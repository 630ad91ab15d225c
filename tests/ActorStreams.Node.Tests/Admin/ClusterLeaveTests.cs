using System.Globalization;
using System.Net;
using System.Text.Json;
using ActorStreams.Entities;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Akka.Actor;
using Xunit.Abstractions;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorStreams.Node.Tests.Admin;

/// <summary>
/// Membership changes of in-process nodes: a graceful leave requested through the admin API (of another member, and of
/// the node itself), and a member that Akka's failure detector finds unreachable and that is then downed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClusterLeaveTests(ITestOutputHelper output) : ClusterTest(output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Leave_OtherNodeRequestedThroughTheApi_ItHandsOffAndStopsAndTheRemainingNodeReportsIt()
    {
        var cluster = CreateCluster();
        var node1 = await cluster.StartNodeAsync("node-1");
        var node2 = await cluster.StartNodeAsync("node-2");
        await TestCluster.UntilSplitAsync(cluster.Nodes, Timeout);
        var moving = TestCluster.PartitionsOf(node2, AnalyticsKinds.Customer);
        await using var events = await EventStreamReader.OpenAsync(cluster.Http, node1.HttpAddress);
        await using var leavingEvents = await EventStreamReader.OpenAsync(cluster.Http, node2.HttpAddress);
        // The streams start with the remembered events: only what follows the request counts.
        var (history1, history2) = (node1.Events.Recent.Count, node2.Events.Recent.Count);
        string TransactionsOf(JsonElement e) => string.Join(",", e.GetProperty("partitions").EnumerateArray()
            .Select(p => p.GetString()!).Where(p => p.StartsWith(cluster.Kafka.Topics.Transactions + "-", StringComparison.Ordinal)));
        string NodeOf(JsonElement e) => e.GetProperty("node_id").GetString()!;

        using var response = await cluster.Http.PostAsync(new Uri($"http://{node1.HttpAddress}/api/cluster/leave/node-2"), content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using (var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal(("node-2", "leaving"), (accepted.RootElement.GetProperty("node_id").GetString(), accepted.RootElement.GetProperty("status").GetString()));
        }

        // Akka's leave: node-2 hands its partitions off and stops by itself; node-1 goes on.
        await node2.Stopped.WaitAsync(Timeout);
        Assert.False(node1.IsStopping);
        Assert.False(node1.LeaveRequested.IsCompleted);

        // The leaving node announced it, then handed its partitions off, each with its final checkpoint.
        await leavingEvents.WaitForAsync("node-leaving", e => NodeOf(e) == "node-2", Timeout, history2);
        foreach (var partition in moving)
        {
            var transactions = $"{cluster.Kafka.Topics.Transactions}-{partition}";
            await leavingEvents.WaitForAsync("partitions-revoked", e => NodeOf(e) == "node-2" && TransactionsOf(e) == transactions, Timeout, history2);
        }

        // The remaining node saw it leave (never unreachable, never downed), heard of its leave relayed, and took its partitions over.
        await events.WaitForAsync("member-left", e => e.GetProperty("member").GetString() == "node-2" && NodeOf(e) == "node-1", Timeout, history1);
        await events.WaitForAsync("node-leaving", e => NodeOf(e) == "node-2", Timeout, history1);
        foreach (var partition in moving)
        {
            var transactions = $"{cluster.Kafka.Topics.Transactions}-{partition}";
            await events.WaitForAsync("partitions-revoked", e => NodeOf(e) == "node-2" && TransactionsOf(e) == transactions, Timeout, history1);
            await events.WaitForAsync("partitions-assigned", e => NodeOf(e) == "node-1" && TransactionsOf(e) == transactions, Timeout, history1);
        }

        await events.WaitForAsync("rebalance-finished", e => NodeOf(e) == "node-1", Timeout, history1);
        Assert.DoesNotContain(events.Received.Skip(history1), e => e.Type is "member-unreachable" or "member-removed");
        await Eventually.Until(
            () => node1.Membership.Members.Select(m => m.NodeId).SequenceEqual(["node-1"])
                && node1.Membership.Find("node-1")!.Info!.CustomerPartitions.SequenceEqual(Enumerable.Range(0, TestCluster.Partitions)),
            Timeout,
            "node-1's view lists itself alone with every partition");
        Assert.Equal(Enumerable.Range(0, TestCluster.Partitions), TestCluster.PartitionsOf(node1, AnalyticsKinds.Customer));
        Assert.Equal(Enumerable.Range(0, TestCluster.Partitions), TestCluster.PartitionsOf(node1, AnalyticsKinds.Merchant));
        Assert.Equal(Enumerable.Range(0, TestCluster.Partitions), TestCluster.PartitionsOf(node1, AnalyticsKinds.Loan));
        var (status, body) = await cluster.GetAsync(node1, "/api/cluster");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Leave_ThisNodeOrAnUnknownOneRequestedThroughItsApi_ItLeavesAndStopsOrTheAnswerIs404()
    {
        var cluster = CreateCluster();
        var node1 = await cluster.StartNodeAsync("node-1");
        await using var events = await EventStreamReader.OpenAsync(cluster.Http, node1.HttpAddress);

        using (var unknown = await cluster.Http.PostAsync(new Uri($"http://{node1.HttpAddress}/api/cluster/leave/node-9"), content: null))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            using var error = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());
            Assert.Contains("node-9", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.False(node1.LeaveRequested.IsCompleted);
        var history = node1.Events.Recent.Count;

        using var response = await cluster.Http.PostAsync(new Uri($"http://{node1.HttpAddress}/api/cluster/leave/node-1"), content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"node_id\":\"node-1\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await node1.LeaveRequested.WaitAsync(Timeout);
        await events.WaitForAsync("node-leaving", e => e.GetProperty("node_id").GetString() == "node-1", Timeout, history);
        await node1.Stopped.WaitAsync(Timeout);
        Assert.True(node1.System.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Unreachable_MemberStopsAnsweringAkkasHeartbeats_ReportedUnreachableThenRemovedWhenDowned()
    {
        // The Split Brain Resolver must not decide during the test: the test downs the member itself.
        var cluster = CreateCluster(("akka.cluster.split-brain-resolver.stable-after", "120s"));
        var node1 = await cluster.StartNodeAsync("node-1");
        var node2 = await cluster.StartNodeAsync("node-2");
        await TestCluster.UntilSplitAsync(cluster.Nodes, Timeout);
        await using var events = await EventStreamReader.OpenAsync(cluster.Http, node1.HttpAddress);
        var history = node1.Events.Recent.Count;

        // node-2 stops answering the failure detector's heartbeats, as a crashed or cut-off node would.
        var receiver = await node2.System.ActorSelection("/system/cluster/heartbeatReceiver").ResolveOne(TimeSpan.FromSeconds(5));
        node2.System.Stop(receiver);

        var unreachable = await events.WaitForAsync("member-unreachable", e => e.GetProperty("member").GetString() == "node-2", Timeout, history);
        Assert.Equal("node-1", unreachable.GetProperty("node_id").GetString());
        Assert.True(Time(unreachable.GetProperty("last_heartbeat")) <= Time(unreachable.GetProperty("at")), unreachable.ToString());
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
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", member.GetProperty("last_heartbeat").GetString());
        Assert.Equal("up", node1.Membership.Find("node-1")!.Status);

        // Cluster-scope queries do not wait for an unreachable member: they name it.
        var (shardsStatus, shards) = await cluster.GetAsync(node1, "/api/shards");
        Assert.Equal(HttpStatusCode.OK, shardsStatus);
        Assert.Equal(["node-2"], shards.GetProperty("unreachable").EnumerateArray().Select(e => e.GetString()));
        Assert.All(shards.GetProperty("shards").EnumerateArray(), s => Assert.Equal("node-1", s.GetProperty("owner").GetString()));

        // Downed on both sides, as the Split Brain Resolver of each side would decide (node-2 downs itself, node-1 downs the
        // member it cannot reach): node-1 removes it (not "left"), node-2 stops by itself, node-1 takes its partitions over.
        AkkaCluster.Get(node2.System).Down(Address.Parse(node2.AkkaAddress));
        AkkaCluster.Get(node1.System).Down(Address.Parse(node2.AkkaAddress));

        await events.WaitForAsync("member-removed", e => e.GetProperty("member").GetString() == "node-2", Timeout, history);
        Assert.DoesNotContain(events.Received.Skip(history), e => e.Type == "member-left");
        await node2.Stopped.WaitAsync(Timeout);
        await Eventually.Until(
            () => node1.Membership.Members.Select(m => m.NodeId).SequenceEqual(["node-1"])
                && TestCluster.PartitionsOf(node1, AnalyticsKinds.Customer).SequenceEqual(Enumerable.Range(0, TestCluster.Partitions)),
            Timeout,
            "node-1 alone runs every customer partition");
    }

    private static DateTimeOffset Time(JsonElement text) => DateTimeOffset.Parse(text.GetString()!, CultureInfo.InvariantCulture);
}
