using System.Text.Json;
using ActorStreams.Cluster.Membership;
using ActorStreams.Kafka;
using ActorStreams.TestKit;

namespace ActorStreams.Node.Tests.Membership;

[Trait("Category", "Unit")]
public sealed class ClusterEventBusTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Publish_MoreThanTheHistorySize_RemembersTheLatest100InOrder()
    {
        var bus = new ClusterEventBus("node-1", _time);

        for (var i = 0; i < 150; i++)
        {
            bus.Publish(new MemberLeft("node-1", _time.GetUtcNow(), $"m{i}"));
        }

        Assert.Equal(Enumerable.Range(50, 100).Select(i => $"m{i}"), bus.Recent.Cast<MemberLeft>().Select(e => e.Member));
    }

    [Fact]
    public async Task Subscribe_AfterSomeEvents_ReadsTheHistoryThenLiveEvents()
    {
        var bus = new ClusterEventBus("node-1", _time);
        bus.Publish(new RebalanceStarted("node-1", bus.Now));
        bus.Publish(new RebalanceFinished("node-1", bus.Now, TimeSpan.FromMilliseconds(12)));

        using var subscription = bus.Subscribe();
        bus.Publish(new NodeLeaving("node-1", bus.Now));
        bus.Complete();

        var types = new List<string>();
        await foreach (var e in subscription.Reader.ReadAllAsync())
        {
            types.Add(e.Type);
        }

        Assert.Equal(["rebalance-started", "rebalance-finished", "node-leaving"], types);
    }

    [Fact]
    public void Subscribe_Disposed_ReceivesNothingMore()
    {
        var bus = new ClusterEventBus("node-1", _time);
        var subscription = bus.Subscribe(replay: false);
        subscription.Dispose();

        bus.Publish(new NodeLeaving("node-1", bus.Now));

        Assert.True(subscription.Reader.Completion.IsCompleted);
        Assert.False(subscription.Reader.TryRead(out _));
    }

    [Fact]
    public void ToJsonUtf8_Events_CarryTypeNodeTimeAndTheirFields()
    {
        var at = new DateTimeOffset(2026, 11, 22, 5, 17, 29, 123, TimeSpan.Zero);
        var revoked = new PartitionsRevoked("node-1", at, [new KafkaPartition("transactions", 0), new KafkaPartition("transactions", 3)], TimeSpan.FromMilliseconds(41.26));
        var unreachable = new MemberUnreachable("node-1", at, "node-2", at.AddSeconds(-6));

        using var revokedJson = JsonDocument.Parse(revoked.ToJsonUtf8());
        using var unreachableJson = JsonDocument.Parse(unreachable.ToJsonUtf8());

        Assert.Equal(
            """{"type":"partitions-revoked","node_id":"node-1","at":"2026-11-22T05:17:29.123Z","partitions":["transactions-0","transactions-3"],"duration_ms":41.3}""",
            System.Text.Encoding.UTF8.GetString(revoked.ToJsonUtf8()));
        Assert.Equal("2026-11-22T05:17:23.123Z", unreachableJson.RootElement.GetProperty("last_heartbeat").GetString());
        Assert.Equal("member-unreachable", unreachableJson.RootElement.GetProperty("type").GetString());
        Assert.Equal("node-2", unreachableJson.RootElement.GetProperty("member").GetString());
    }
}
