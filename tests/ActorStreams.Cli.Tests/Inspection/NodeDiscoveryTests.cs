using System.Text;
using ActorStreams.Cli.Inspection;
using ActorStreams.Cli.Inspection.Model;

namespace ActorStreams.Cli.Tests.Inspection;

[Trait("Category", "Unit")]
public sealed class NodeDiscoveryTests
{
    private static readonly DateTimeOffset Now = CannedJson.Now;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);

    [Fact]
    public void Rank_Members_FreshUpNewestFirstThenLeavingThenStale()
    {
        MembershipRecord[] records =
        [
            Record("stale-up", "up", Now.AddSeconds(-30), 9101),
            Record("fresh-leaving", "leaving", Now.AddSeconds(-1), 9102),
            Record("fresh-up-older", "up", Now.AddSeconds(-4), 9103),
            Record("fresh-up-newest", "up", Now.AddSeconds(-1), 9104),
            Record("other-group", "up", Now, 9105) with { GroupId = "elsewhere" },
            Record("no-endpoint", "up", Now, 9106) with { HttpEndpoint = null },
            Record("stale-leaving", "leaving", Now.AddMinutes(-5), 9107),
        ];

        var ranked = NodeDiscovery.Rank(records, "actorstreams", Now, Heartbeat);

        Assert.Equal(["fresh-up-newest", "fresh-up-older", "fresh-leaving", "stale-up", "stale-leaving"], ranked.Select(r => r.NodeId));
    }

    [Fact]
    public async Task Find_FreshestLiveMemberAnswers_ItIsChosenWithoutTryingOthers()
    {
        var tried = new List<string>();
        var discovery = Discovery(
            [Record("node-1", "up", Now.AddSeconds(-3), 9111), Record("node-2", "up", Now.AddSeconds(-1), 9112)],
            tried,
            healthy: ["127.0.0.1:9111", "127.0.0.1:9112"]);

        using var api = await discovery.FindAsync(CancellationToken.None);

        Assert.Equal("127.0.0.1:9112", api.Address.ToString());
        Assert.Equal(["127.0.0.1:9112"], tried);
    }

    [Fact]
    public async Task Find_FreshestDoesNotAnswer_NextOne()
    {
        var tried = new List<string>();
        var discovery = Discovery(
            [Record("node-1", "up", Now.AddSeconds(-3), 9111), Record("node-2", "up", Now.AddSeconds(-1), 9112)],
            tried,
            healthy: ["127.0.0.1:9111"]);

        using var api = await discovery.FindAsync(CancellationToken.None);

        Assert.Equal("127.0.0.1:9111", api.Address.ToString());
        Assert.Equal(["127.0.0.1:9112", "127.0.0.1:9111"], tried);
    }

    [Fact]
    public async Task Find_NoMemberAnswers_TriesTheDefaultNode()
    {
        var tried = new List<string>();
        var discovery = Discovery([Record("node-1", "up", Now, 9111)], tried, healthy: ["127.0.0.1:9110"]);

        using var api = await discovery.FindAsync(CancellationToken.None);

        Assert.Equal("127.0.0.1:9110", api.Address.ToString());
        Assert.Equal(["127.0.0.1:9111", "127.0.0.1:9110"], tried);
    }

    [Fact]
    public async Task Find_KafkaUnreachableAndNoDefaultNode_MessageListsWhatWasTried()
    {
        var tried = new List<string>();
        var discovery = Discovery(null, tried, healthy: []);

        var error = await Assert.ThrowsAsync<AdminApiException>(() => discovery.FindAsync(CancellationToken.None));

        Assert.Equal(
            "no live ActorStreams node found in actorstreams-members on 127.0.0.1:9092; start one with ./actorstreams node or pass --node host:port\n" +
            "  cannot reach Kafka at 127.0.0.1:9092: connection refused\n" +
            "  default 127.0.0.1:9110: connection refused",
            error.Message);
    }

    [Fact]
    public async Task Find_MemberStopping_Skipped()
    {
        var tried = new List<string>();
        var discovery = Discovery([Record("node-1", "up", Now, 9111)], tried, healthy: [], stopping: ["127.0.0.1:9111"]);

        var error = await Assert.ThrowsAsync<AdminApiException>(() => discovery.FindAsync(CancellationToken.None));

        Assert.Contains("  node-1 at 127.0.0.1:9111 (up): status stopping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MembershipTable_RecordsInOffsetOrder_LatestPerNodeWithoutTombstonedOrUndecodable()
    {
        var table = new MembershipTable();
        table.Apply(Key("node-1"), Value("""{"node_id":"node-1","http_endpoint":"127.0.0.1:9111","status":"up","heartbeat_at":"2026-11-22T05:59:50.000Z"}"""));
        table.Apply(Key("node-2"), Value("""{"node_id":"node-2","http_endpoint":"127.0.0.1:9112","status":"up"}"""));
        table.Apply(Key("node-1"), Value("""{"node_id":"node-1","http_endpoint":"127.0.0.1:9111","status":"leaving","heartbeat_at":"2026-11-22T05:59:58.000Z"}"""));
        table.Apply(Key("node-2"), null);
        table.Apply(Key("node-3"), Value("""{"node_id":"node-3","http_endpoint":"127.0.0.1:9113","status":"up"}"""));
        table.Apply(Key("node-3"), Value("not json"));
        table.Apply(Key("node-4"), Value("""{"http_endpoint":"127.0.0.1:9114","status":"up"}"""));

        var records = table.Snapshot();

        Assert.Equal(["node-1", "node-3", "node-4"], records.Select(r => r.NodeId));
        Assert.Equal("leaving", records[0].Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 5, 59, 58, TimeSpan.Zero), records[0].HeartbeatAt);
    }

    private static NodeDiscovery Discovery(IReadOnlyList<MembershipRecord>? records, List<string> tried, string[] healthy, string[]? stopping = null) =>
        new(
            new CannedMembers(records),
            address =>
            {
                tried.Add(address.ToString());
                var api = new FakeAdminApi(address);
                if (healthy.Contains(address.ToString()))
                {
                    api.Answer("/health", CannedJson.Health);
                }
                else if (stopping?.Contains(address.ToString()) == true)
                {
                    api.Answer("/health", """{"status":"stopping","node_id":"x"}""");
                }
                else
                {
                    api.Fail("/health", new AdminApiException($"cannot reach node at {address}: connection refused"));
                }

                return api;
            },
            new FixedTime(Now),
            "actorstreams",
            Heartbeat);

    private static MembershipRecord Record(string nodeId, string status, DateTimeOffset heartbeat, int port) => new()
    {
        NodeId = nodeId,
        GroupId = "actorstreams",
        HttpEndpoint = $"127.0.0.1:{port}",
        Status = status,
        HeartbeatAt = heartbeat,
    };

    private static byte[] Key(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Value(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Canned membership; null plays an unreachable Kafka.</summary>
    private sealed class CannedMembers(IReadOnlyList<MembershipRecord>? records) : IMembershipSource
    {
        public string Description => "actorstreams-members on 127.0.0.1:9092";

        public Task<IReadOnlyList<MembershipRecord>> ReadAsync(CancellationToken cancellationToken) =>
            records is null
                ? throw new MembershipUnavailableException("cannot reach Kafka at 127.0.0.1:9092: connection refused")
                : Task.FromResult(records);
    }
}
