using System.Text.Json;
using ActorStreams.Cluster.Membership;

namespace ActorStreams.Node.Tests.Membership;

[Trait("Category", "Unit")]
public sealed class MemberRecordTests
{
    private static readonly MemberRecord Sample = new()
    {
        NodeId = "node-1",
        GroupId = "actorstreams",
        HttpEndpoint = "127.0.0.1:9110",
        Status = MemberStatus.Leaving,
        Partitions = new Dictionary<string, IReadOnlyList<int>> { ["customer"] = [0, 1, 2, 3], ["merchant"] = [0, 1, 2, 3] },
        Entities = new Dictionary<string, long> { ["customer"] = 1234, ["merchant"] = 56 },
        Lag = 7,
        StartedAt = new DateTimeOffset(2026, 11, 22, 5, 17, 29, 123, TimeSpan.Zero),
        HeartbeatAt = new DateTimeOffset(2026, 11, 22, 5, 18, 0, 5, TimeSpan.Zero),
        Version = "0.1.0",
    };

    [Fact]
    public void ToJsonUtf8_Record_HasTheFieldsOfTheContract()
    {
        using var json = JsonDocument.Parse(Sample.ToJsonUtf8());
        var root = json.RootElement;

        Assert.Equal(
            ["node_id", "group_id", "http_endpoint", "status", "partitions", "entities", "lag", "started_at", "heartbeat_at", "version"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("leaving", root.GetProperty("status").GetString());
        Assert.Equal([0, 1, 2, 3], root.GetProperty("partitions").GetProperty("customer").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(56, root.GetProperty("entities").GetProperty("merchant").GetInt64());
        Assert.Equal("2026-11-22T05:17:29.123Z", root.GetProperty("started_at").GetString());
        Assert.Equal("2026-11-22T05:18:00.005Z", root.GetProperty("heartbeat_at").GetString());
    }

    [Fact]
    public void TryParse_WrittenRecord_RoundTrips()
    {
        Assert.True(MemberRecord.TryParse(Sample.ToJsonUtf8(), out var parsed, out var error), error);

        Assert.Equal(Sample.ToJsonUtf8(), parsed.ToJsonUtf8());
        Assert.Equal(MemberStatus.Leaving, parsed.Status);
        Assert.Equal([0, 1, 2, 3], parsed.PartitionsOf("merchant"));
    }

    [Theory]
    [InlineData("{\"group_id\":\"g\",\"http_endpoint\":\"h:1\",\"started_at\":\"2026-01-01T00:00:00.000Z\",\"heartbeat_at\":\"2026-01-01T00:00:00.000Z\"}", "node_id")]
    [InlineData("{\"node_id\":\"n\",\"group_id\":\"g\",\"http_endpoint\":\"h:1\",\"started_at\":\"yesterday\",\"heartbeat_at\":\"2026-01-01T00:00:00.000Z\"}", "started_at")]
    [InlineData("[1,2]", "object")]
    [InlineData("{\"node_id\":", "")]
    public void TryParse_InvalidRecord_FailsWithTheReason(string json, string reason)
    {
        Assert.False(MemberRecord.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
