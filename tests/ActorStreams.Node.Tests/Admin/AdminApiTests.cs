using System.Globalization;
using System.Net;
using System.Text.Json;
using ActorStreams.Entities;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Admin;

/// <summary>The read-only endpoints of docs/admin-api.md on two in-process nodes of one Akka cluster that share the partitions.</summary>
[Trait("Category", "Integration")]
public sealed class AdminApiTests : IClassFixture<TwoNodeClusterFixture>
{
    private readonly TwoNodeClusterFixture _fixture;

    public AdminApiTests(TwoNodeClusterFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        fixture.Logs.Output = output;
    }

    private TestCluster Cluster => _fixture.Cluster;

    [Fact]
    public async Task Health_EachNode_UpWithItsNodeId()
    {
        foreach (var node in Cluster.Nodes)
        {
            var (status, body) = await Cluster.GetAsync(node, "/health");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("up", body.GetProperty("status").GetString());
            Assert.Equal(node.NodeId, body.GetProperty("node_id").GetString());
        }
    }

    [Fact]
    public async Task Cluster_FromEitherNode_ListsBothMembersUpWithWhatTheyRunAndDisjointPartitionsCoveringAll()
    {
        foreach (var node in Cluster.Nodes)
        {
            var (status, body) = await Cluster.GetAsync(node, "/api/cluster");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(("node-tests", node.NodeId, 2), (body.GetProperty("group_id").GetString(), body.GetProperty("self").GetString(), body.GetProperty("count").GetInt32()));
            Assert.Equal(ActorStreamsNode.Version, body.GetProperty("version").GetString());
            var members = body.GetProperty("members").EnumerateArray().ToList();
            Assert.Equal(["node-1", "node-2"], members.Select(m => m.GetProperty("node_id").GetString()));
            foreach (var (member, owner) in members.Zip(Cluster.Nodes))
            {
                Assert.Equal("up", member.GetProperty("status").GetString());
                Assert.Equal(owner.HttpAddress, member.GetProperty("address").GetString());
                Assert.Equal(owner.AkkaAddress, member.GetProperty("akka_address").GetString());
                var partitions = Ints(member.GetProperty("partitions"));
                Assert.Equal(TestCluster.PartitionsOf(owner, AnalyticsKinds.Customer), partitions);
                Assert.Equal(owner.Partitions.Running.Count, member.GetProperty("shards").GetInt32());
                Assert.Equal(ActorStreamsNode.Version, member.GetProperty("version").GetString());
                Assert.True(member.GetProperty("uptime_seconds").GetDouble() >= 0);
                Assert.Equal(owner.StartedAt.ToUnixTimeMilliseconds(), Time(member.GetProperty("started_at")).ToUnixTimeMilliseconds());
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", member.GetProperty("last_heartbeat").GetString());
            }

            var all = members.SelectMany(m => Ints(m.GetProperty("partitions"))).Order().ToList();
            Assert.Equal(Enumerable.Range(0, TestCluster.Partitions), all);
            Assert.Equal(TestCluster.Partitions * 3, members.Sum(m => m.GetProperty("shards").GetInt32())); // customer, merchant and loan
        }
    }

    [Fact]
    public async Task Shards_ClusterScope_MergesTheShardsOfBothNodes()
    {
        var body = await SettledAsync(_fixture.Node2, "/api/shards", b => b.GetProperty("shards").EnumerateArray().All(s => s.GetProperty("lag").GetInt64() == 0));

        Assert.Empty(body.GetProperty("unreachable").EnumerateArray());
        var shards = body.GetProperty("shards").EnumerateArray().ToList();
        Assert.Equal(
            [
                .. Enumerable.Range(0, TestCluster.Partitions).Select(p => $"customer/{p}"),
                .. Enumerable.Range(0, TestCluster.Partitions).Select(p => $"loan/{p}"),
                .. Enumerable.Range(0, TestCluster.Partitions).Select(p => $"merchant/{p}"),
            ],
            shards.Select(s => $"{s.GetProperty("kind").GetString()}/{s.GetProperty("partition").GetInt32()}"));
        foreach (var shard in shards)
        {
            var owner = Cluster.Nodes.Single(n => n.NodeId == shard.GetProperty("owner").GetString());
            Assert.NotNull(owner.Partitions.Status(shard.GetProperty("kind").GetString()!, shard.GetProperty("partition").GetInt32()));
            Assert.Equal(0, shard.GetProperty("lag").GetInt64());
            Assert.True(shard.GetProperty("checkpoint_sequence").GetInt64() >= 0);
            Assert.True(shard.GetProperty("in_flight").GetInt64() >= 0);
        }

        Assert.Equal(TwoNodeClusterFixture.Customers, shards.Where(s => s.GetProperty("kind").GetString() == "customer").Sum(s => s.GetProperty("active_entities").GetInt32()));
        var transactions = Cluster.Kafka.Topics.Transactions;
        Assert.Equal(
            Enumerable.Range(1, TwoNodeClusterFixture.Customers).Sum(c => TwoNodeClusterFixture.TransactionsOf(c)),
            shards.Where(s => s.GetProperty("kind").GetString() == "customer")
                .Sum(s => s.GetProperty("next_offsets").TryGetProperty(transactions, out var next) ? next.GetInt64() : 0));

        var (_, local) = await Cluster.GetAsync(_fixture.Node2, "/api/shards?scope=local");
        Assert.All(local.GetProperty("shards").EnumerateArray(), s => Assert.Equal("node-2", s.GetProperty("owner").GetString()));
        Assert.Equal(_fixture.Node2.Partitions.Running.Count, local.GetProperty("shards").GetArrayLength());
    }

    [Fact]
    public async Task Entity_AskedFromTheNodeThatDoesNotOwnIt_AnsweredByTheOwnerThroughTheShardRegion()
    {
        foreach (var customer in new long[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        {
            var id = customer.ToString(CultureInfo.InvariantCulture);
            var (owner, other) = _fixture.OwnerOf(AnalyticsKinds.Customer, id);

            var (status, body) = await Cluster.GetAsync(other, $"/api/entities/customer/{id}");

            Assert.True(status == HttpStatusCode.OK, body.ToString());
            Assert.Equal(("customer", id, owner.NodeId, true), (body.GetProperty("kind").GetString(), body.GetProperty("id").GetString(), body.GetProperty("owner").GetString(), body.GetProperty("in_memory").GetBoolean()));
            Assert.Equal(Kafka.Partitioning.Murmur2Partitioner.Partition(id, TestCluster.Partitions), body.GetProperty("partition").GetInt32());
            var state = body.GetProperty("state");
            Assert.Equal(customer, state.GetProperty("customer_id").GetInt64());
            Assert.Equal(TwoNodeClusterFixture.TransactionsOf(customer), state.GetProperty("fraud").GetProperty("transactions").GetInt32());

            var (direct, fromOwner) = await Cluster.GetAsync(owner, $"/api/entities/customer/{id}");
            Assert.Equal(HttpStatusCode.OK, direct);
            Assert.Equal(state.ToString(), fromOwner.GetProperty("state").ToString());
        }

        var (merchantOwner, merchantOther) = _fixture.OwnerOf(AnalyticsKinds.Merchant, "M-3");
        var (merchantStatus, merchant) = await Cluster.GetAsync(merchantOther, "/api/entities/merchant/M-3");
        Assert.True(merchantStatus == HttpStatusCode.OK, merchant.ToString());
        Assert.Equal(("merchant", "M-3", merchantOwner.NodeId), (merchant.GetProperty("kind").GetString(), merchant.GetProperty("id").GetString(), merchant.GetProperty("owner").GetString()));
        Assert.Equal(JsonValueKind.Object, merchant.GetProperty("state").ValueKind);
    }

    [Theory]
    [InlineData("/api/entities/customer/999999", HttpStatusCode.NotFound)]
    [InlineData("/api/entities/customer/not-a-number", HttpStatusCode.NotFound)]
    [InlineData("/api/entities/merchant/M-404", HttpStatusCode.NotFound)]
    [InlineData("/api/entities/supplier/1", HttpStatusCode.BadRequest)]
    [InlineData("/api/no-such-thing", HttpStatusCode.NotFound)]
    public async Task Entity_UnknownIdOrKindOrPath_ErrorStatusWithAMessage(string path, HttpStatusCode expected)
    {
        foreach (var node in Cluster.Nodes)
        {
            var (status, body) = await Cluster.GetAsync(node, path);

            Assert.Equal(expected, status);
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
        }
    }

    [Fact]
    public async Task Lag_ClusterScope_EveryPartitionOnceWithItsOwnerAndNoLag()
    {
        // End offsets are the ones each consumer saw last (refreshed every second): wait until they cover what was read.
        var body = await SettledAsync(_fixture.Node1, "/api/lag", b => b.GetProperty("total").GetInt64() == 0
            && b.GetProperty("partitions").EnumerateArray().All(p => p.GetProperty("position").ValueKind == JsonValueKind.Null
                || p.GetProperty("end_offset").ValueKind == JsonValueKind.Number && p.GetProperty("end_offset").GetInt64() >= p.GetProperty("position").GetInt64()));

        Assert.Empty(body.GetProperty("unreachable").EnumerateArray());
        var partitions = body.GetProperty("partitions").EnumerateArray().ToList();
        var transactions = partitions.Where(p => p.GetProperty("topic").GetString() == Cluster.Kafka.Topics.Transactions).ToList();
        Assert.Equal(Enumerable.Range(0, TestCluster.Partitions), transactions.Select(p => p.GetProperty("partition").GetInt32()));
        foreach (var partition in transactions)
        {
            var owner = Cluster.Nodes.Single(n => n.NodeId == partition.GetProperty("owner").GetString());
            Assert.NotNull(owner.Partitions.Status(AnalyticsKinds.Customer, partition.GetProperty("partition").GetInt32()));
            Assert.Equal(partition.GetProperty("end_offset").GetInt64(), partition.GetProperty("completed").GetInt64());
        }

        Assert.Equal(transactions.Sum(p => p.GetProperty("end_offset").GetInt64()), Enumerable.Range(1, TwoNodeClusterFixture.Customers).Sum(c => TwoNodeClusterFixture.TransactionsOf(c)));
        var topics = partitions.Select(p => p.GetProperty("topic").GetString()).ToList();
        Assert.Equal(topics.Order(StringComparer.Ordinal), topics);
    }

    [Fact]
    public async Task Events_Stream_ReplaysTheRememberedMembershipAndRebalanceEventsOfBothNodes()
    {
        await using var events = await EventStreamReader.OpenAsync(Cluster.Http, _fixture.Node1.HttpAddress);

        Assert.Equal("text/event-stream", events.ContentType);
        var assigned = await events.WaitForAsync(
            "partitions-assigned",
            e => e.GetProperty("partitions").EnumerateArray().Any(p => p.GetString()!.StartsWith(Cluster.Kafka.Topics.Transactions + "-", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10));
        Assert.Equal("node-1", assigned.GetProperty("node_id").GetString());
        Assert.True(assigned.GetProperty("duration_ms").GetDouble() >= 0);
        var up = await events.WaitForAsync("member-up", e => e.GetProperty("member").GetString() == "node-2", TimeSpan.FromSeconds(10));
        Assert.Equal(("node-1", _fixture.Node2.HttpAddress), (up.GetProperty("node_id").GetString(), up.GetProperty("address").GetString()));
        await events.WaitForAsync("rebalance-finished", e => e.GetProperty("node_id").GetString() == "node-1", TimeSpan.FromSeconds(10));

        // node-2's own partition events, relayed to node-1 through the membership actors.
        await events.WaitForAsync("partitions-assigned", e => e.GetProperty("node_id").GetString() == "node-2", TimeSpan.FromSeconds(10));
        await events.WaitForAsync("rebalance-finished", e => e.GetProperty("node_id").GetString() == "node-2", TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// GETs <paramref name="path"/> (200) until its body shows no lag: a customer partition that turns idle (no records for
    /// actorstreams.merchant.idle-timeout) announces it to the merchant partitions through the repartition topic, which
    /// they then read; fails after 30 s.
    /// </summary>
    private async Task<JsonElement> SettledAsync(ActorStreamsNode node, string path, Func<JsonElement, bool> noLag)
    {
        var body = default(JsonElement);
        await Eventually.UntilAsync(
            async () =>
            {
                var (status, answer) = await Cluster.GetAsync(node, path);
                Assert.Equal(HttpStatusCode.OK, status);
                body = answer;
                return noLag(answer);
            },
            TimeSpan.FromSeconds(30),
            $"{path} of {node.NodeId} shows no lag");
        return body;
    }

    private static List<int> Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static DateTimeOffset Time(JsonElement text) => DateTimeOffset.Parse(text.GetString()!, CultureInfo.InvariantCulture);
}
