using System.Text;
using ActorStreams.Cluster.Membership;
using ActorStreams.Kafka.Consumer;
using ActorStreams.TestKit;

namespace ActorStreams.Node.Tests.Membership;

[Trait("Category", "Unit")]
public sealed class MembershipViewTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero));
    private readonly ClusterEventBus _events;
    private readonly MembershipView _view;

    public MembershipViewTests()
    {
        _events = new ClusterEventBus("observer", _time);
        _view = new MembershipView("actorstreams", Interval, _time, _events);
    }

    public void Dispose() => _view.Dispose();

    [Fact]
    public void Apply_FirstHeartbeat_MemberIsUpAndMemberUpIsPublished()
    {
        _view.MarkCaughtUp();

        _view.OnRecord(Heartbeat("node-1", customer: [0, 1]));

        var member = Assert.Single(_view.Members);
        Assert.Equal(("node-1", MemberStatus.Up, "127.0.0.1:9110"), (member.NodeId, member.Status, member.Address));
        Assert.Equal([0, 1], member.Record.PartitionsOf("customer"));
        var up = Assert.IsType<MemberUp>(Assert.Single(_events.Recent));
        Assert.Equal(("observer", "node-1", "127.0.0.1:9110", _time.GetUtcNow()), (up.NodeId, up.Member, up.Address, up.At));
    }

    [Fact]
    public void Apply_Tombstone_MemberLeavesAndMemberLeftIsPublished()
    {
        _view.MarkCaughtUp();
        _view.OnRecord(Heartbeat("node-1"));
        _view.OnRecord(Heartbeat("node-2"));

        _view.OnRecord(new KafkaTableRecord(0, 9, Encoding.UTF8.GetBytes("node-1"), null));

        Assert.Equal(["node-2"], _view.Members.Select(m => m.NodeId));
        Assert.Null(_view.Find("node-1"));
        var left = Assert.IsType<MemberLeft>(_events.Recent[^1]);
        Assert.Equal("node-1", left.Member);
    }

    [Fact]
    public void Sweep_NoHeartbeatForThreeIntervals_MemberUnreachableOnceThenUpAgainOnTheNextHeartbeat()
    {
        _view.MarkCaughtUp();
        _view.OnRecord(Heartbeat("node-1"));
        _view.OnRecord(Heartbeat("node-2"));

        // node-2 keeps heartbeating; node-1 went silent.
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(Interval);
            _view.OnRecord(Heartbeat("node-2"));
        }

        Assert.Equal(MemberStatus.Up, _view.Find("node-1")!.Status);
        Assert.DoesNotContain(_events.Recent, e => e is MemberUnreachable);

        _time.Advance(Interval);
        _view.OnRecord(Heartbeat("node-2"));

        Assert.Equal(MemberStatus.Unreachable, _view.Find("node-1")!.Status);
        Assert.Equal(MemberStatus.Up, _view.Find("node-2")!.Status);
        var unreachable = Assert.IsType<MemberUnreachable>(Assert.Single(_events.Recent, e => e is MemberUnreachable));
        Assert.Equal(("node-1", _time.Start), (unreachable.Member, unreachable.LastHeartbeat));

        _time.Advance(Interval * 2);
        Assert.Single(_events.Recent, e => e is MemberUnreachable);

        _view.OnRecord(Heartbeat("node-1"));

        Assert.Equal(MemberStatus.Up, _view.Find("node-1")!.Status);
        var back = Assert.IsType<MemberUp>(_events.Recent[^1]);
        Assert.Equal("node-1", back.Member);
    }

    [Fact]
    public void Sweep_UnreachableLongerThanRemoveAfter_MemberIsRemovedWithMemberLeft()
    {
        _view.MarkCaughtUp();
        _view.OnRecord(Heartbeat("node-1"));

        _time.Advance(MembershipView.DefaultRemoveAfter + Interval);

        Assert.Empty(_view.Members);
        Assert.Equal(["member-up", "member-unreachable", "member-left"], _events.Recent.Select(e => e.Type));
    }

    [Fact]
    public void Apply_LeavingHeartbeat_MemberIsLeaving()
    {
        _view.OnRecord(Heartbeat("node-1", status: MemberStatus.Leaving));

        Assert.Equal(MemberStatus.Leaving, _view.Find("node-1")!.Status);
    }

    [Fact]
    public void Apply_OtherGroupOrOlderHeartbeatOrInvalidRecord_IsIgnored()
    {
        _view.OnRecord(Heartbeat("node-1", customer: [1]));
        var older = Heartbeat("node-1", customer: [2], at: _time.GetUtcNow() - TimeSpan.FromSeconds(1));

        _view.OnRecord(Heartbeat("node-9", group: "another-cluster"));
        _view.OnRecord(older);
        _view.OnRecord(new KafkaTableRecord(0, 5, Encoding.UTF8.GetBytes("node-3"), "{not json"u8.ToArray()));
        _view.OnRecord(new KafkaTableRecord(0, 6, Encoding.UTF8.GetBytes("node-4"), Heartbeat("node-5").Value));

        var member = Assert.Single(_view.Members);
        Assert.Equal([1], member.Record.PartitionsOf("customer"));
    }

    [Fact]
    public void MarkCaughtUp_HistoryReadAtStartUp_NoEventsBeforeThenOnePerCurrentMember()
    {
        _view.OnRecord(Heartbeat("node-1"));
        _view.OnRecord(Heartbeat("node-2"));
        _view.OnRecord(Heartbeat("node-old", at: _time.GetUtcNow() - TimeSpan.FromSeconds(30)));
        _view.OnRecord(Heartbeat("node-gone", at: _time.GetUtcNow() - TimeSpan.FromHours(2)));
        _view.OnRecord(Heartbeat("node-3"));
        _view.OnRecord(new KafkaTableRecord(0, 20, Encoding.UTF8.GetBytes("node-3"), null));
        Assert.Empty(_events.Recent);

        _view.MarkCaughtUp();

        Assert.Equal(["node-1", "node-2", "node-old"], _view.Members.Select(m => m.NodeId));
        Assert.Equal(MemberStatus.Unreachable, _view.Find("node-old")!.Status);
        Assert.Equal(
            ["member-up node-1", "member-up node-2", "member-unreachable node-old"],
            _events.Recent.Select(e => $"{e.Type} {e switch { MemberUp u => u.Member, MemberUnreachable u => u.Member, _ => "?" }}"));
    }

    [Fact]
    public void OwnerOf_PartitionListedByTwoMembers_TheReachableOneWins()
    {
        _view.OnRecord(Heartbeat("node-1", customer: [0, 1], merchant: [0, 1]));
        _view.OnRecord(Heartbeat("node-2", customer: [2, 3], merchant: [2, 3]));
        Assert.Equal("node-2", _view.OwnerOf("merchant", 3)!.NodeId);
        Assert.Null(_view.OwnerOf("customer", 7));

        // node-2 crashed; node-1 took its partitions over.
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(Interval);
            _view.OnRecord(Heartbeat("node-1", customer: [0, 1, 2, 3], merchant: [0, 1, 2, 3]));
        }

        Assert.Equal(MemberStatus.Unreachable, _view.Find("node-2")!.Status);
        Assert.Equal("node-1", _view.OwnerOf("customer", 2)!.NodeId);
    }

    private KafkaTableRecord Heartbeat(
        string nodeId,
        int[]? customer = null,
        int[]? merchant = null,
        MemberStatus status = MemberStatus.Up,
        string group = "actorstreams",
        DateTimeOffset? at = null)
    {
        var record = new MemberRecord
        {
            NodeId = nodeId,
            GroupId = group,
            HttpEndpoint = "127.0.0.1:9110",
            Status = status,
            Partitions = new Dictionary<string, IReadOnlyList<int>> { ["customer"] = customer ?? [], ["merchant"] = merchant ?? [] },
            Entities = new Dictionary<string, long> { ["customer"] = 10, ["merchant"] = 2 },
            StartedAt = _time.Start,
            HeartbeatAt = at ?? _time.GetUtcNow(),
            Version = "0.1.0",
        };
        return new KafkaTableRecord(0, 0, Encoding.UTF8.GetBytes(nodeId), record.ToJsonUtf8());
    }
}
