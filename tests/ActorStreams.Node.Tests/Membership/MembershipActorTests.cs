using System.Text;
using ActorStreams.Cluster.Membership;
using ActorStreams.Kafka;
using ActorStreams.TestKit;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorStreams.Node.Tests.Membership;

/// <summary>
/// <see cref="MembershipActor"/> on real Akka.Cluster actor systems in this process (remoting on free ports): a cluster of
/// one that joins itself, and a second system that joins the first as its seed and leaves again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MembershipActorTests : Akka.TestKit.Xunit2.TestKit
{
    private const string SystemName = "membership-tests";
    private const string Http1 = "127.0.0.1:9110";
    private const string Http2 = "127.0.0.1:9111";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly Config ClusterConfig = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          actor.provider = cluster
          remote.dot-netty.tcp {
            hostname = "127.0.0.1"
            port = 0
          }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero));

    public MembershipActorTests(ITestOutputHelper output)
        : base(ClusterConfig, SystemName, output)
    {
    }

    [Fact]
    public async Task View_OneNodeClusterJoinedItself_HasTheMemberUpWithItsNodeInfo()
    {
        var (bus, view) = (new ClusterEventBus("node-1", _time), new MembershipView());
        var info = InfoOf(Sys, "node-1", Http1);
        Sys.ActorOf(MembershipActor.Props(bus, view, () => info, Interval, _time), MembershipActor.Name);

        AkkaCluster.Get(Sys).Join(AkkaCluster.Get(Sys).SelfAddress);

        await AwaitAssertAsync(
            () =>
            {
                var member = Assert.Single(view.Members);
                Assert.Equal((AkkaCluster.Get(Sys).SelfAddress.ToString(), "up", "node-1"), (member.AkkaAddress, member.Status, member.NodeId));
                Assert.Same(info, member.Info);
                Assert.Equal(_time.GetUtcNow(), member.LastHeard);
            },
            Timeout);
        Assert.Same(view.Members[0], view.Find("node-1"));
        Assert.Null(view.Find("node-2"));
    }

    [Fact]
    public async Task MemberUp_InfoArrivesAfterAkkaReportsTheMemberUp_PublishedOnceWithTheInfo()
    {
        var (bus, view) = (new ClusterEventBus("node-1", _time), new MembershipView());
        var info = InfoOf(Sys, "node-1", Http1);
        // The periodic info names another address, so this member's info is unknown until the test sends it, as when a
        // member's first NodeInfo arrives after Akka.Cluster reported it up.
        var elsewhere = info with { NodeId = "elsewhere", AkkaAddress = $"akka.tcp://{SystemName}@127.0.0.1:1" };
        var membership = Sys.ActorOf(MembershipActor.Props(bus, view, () => elsewhere, Interval, _time), MembershipActor.Name);
        AkkaCluster.Get(Sys).Join(AkkaCluster.Get(Sys).SelfAddress);

        await AwaitAssertAsync(
            () =>
            {
                var member = Assert.Single(view.Members);
                Assert.Equal(("up", AkkaCluster.Get(Sys).SelfAddress.ToString()), (member.Status, member.NodeId));
                Assert.Null(member.Info);
            },
            Timeout);
        Assert.DoesNotContain(bus.Recent, e => e is MemberUp);

        membership.Tell(info);

        await AwaitAssertAsync(() => Assert.Same(info, Assert.Single(view.Members).Info), Timeout);
        var up = Assert.IsType<MemberUp>(Assert.Single(bus.Recent, e => e is MemberUp));
        Assert.Equal(("node-1", "node-1", Http1, _time.GetUtcNow()), (up.NodeId, up.Member, up.Address, up.At));

        // Later infos refresh the view but announce nothing new.
        _time.Advance(TimeSpan.FromSeconds(5));
        membership.Tell(info);
        await AwaitAssertAsync(() => Assert.Equal(_time.GetUtcNow(), Assert.Single(view.Members).LastHeard), Timeout);
        Assert.Single(bus.Recent, e => e is MemberUp);
    }

    [Fact]
    public async Task Receive_EventRelayedByAnotherNode_PublishedOnTheBusAsThatNodeWroteIt()
    {
        var (bus, view) = (new ClusterEventBus("node-1", _time), new MembershipView());
        var membership = Sys.ActorOf(MembershipActor.Props(bus, view, () => InfoOf(Sys, "node-1", Http1), Interval, _time), MembershipActor.Name);
        var json = Encoding.UTF8.GetBytes("""{"type":"partitions-revoked","node_id":"node-2","at":"2026-11-22T05:00:00.000Z","partitions":["transactions-3"],"duration_ms":12.5}""");
        var relayed = new RelayedClusterEvent("node-2", _time.GetUtcNow(), "partitions-revoked", json);

        membership.Tell(relayed);

        await AwaitAssertAsync(() => Assert.Same(relayed, Assert.Single(bus.Recent)), Timeout);
        Assert.Equal(("partitions-revoked", "node-2"), (bus.Recent[0].Type, bus.Recent[0].NodeId));
        Assert.Equal(json, bus.Recent[0].ToJsonUtf8());
    }

    [Fact]
    public async Task RelayEvent_TwoMembers_TheOtherMemberPublishesItAsWritten()
    {
        var (bus1, view1) = (new ClusterEventBus("node-1", _time), new MembershipView());
        var membership1 = Sys.ActorOf(MembershipActor.Props(bus1, view1, () => InfoOf(Sys, "node-1", Http1), Interval, _time), MembershipActor.Name);
        AkkaCluster.Get(Sys).Join(AkkaCluster.Get(Sys).SelfAddress);
        var second = StartSecondSystem(out var bus2, out var view2);
        try
        {
            await AwaitAssertAsync(() => Assert.Equal(["node-1", "node-2"], view1.Members.Select(m => m.NodeId)), Timeout);
            await AwaitAssertAsync(() => Assert.Equal(["node-1", "node-2"], view2.Members.Select(m => m.NodeId)), Timeout);
            var assigned = new PartitionsAssigned("node-1", _time.GetUtcNow(), [new KafkaPartition("transactions", 2)], TimeSpan.FromMilliseconds(40));

            membership1.Tell(new MembershipActor.RelayEvent(assigned));

            await AwaitAssertAsync(() => Assert.Contains(bus2.Recent, e => e is RelayedClusterEvent), Timeout);
            var relayed = Assert.IsType<RelayedClusterEvent>(Assert.Single(bus2.Recent, e => e is RelayedClusterEvent));
            Assert.Equal(("partitions-assigned", "node-1", assigned.At), (relayed.Type, relayed.NodeId, relayed.At));
            Assert.Equal(assigned.ToJsonUtf8(), relayed.ToJsonUtf8());
            // Relayed to the other members only: this node published it itself (PartitionEvents).
            Assert.DoesNotContain(bus1.Recent, e => e is RelayedClusterEvent);
        }
        finally
        {
            await ShutdownAsync(second);
        }
    }

    [Fact]
    public async Task Leave_SecondMemberLeavesGracefully_FirstPublishesMemberLeftWithItsNodeIdAndDropsIt()
    {
        var (bus1, view1) = (new ClusterEventBus("node-1", _time), new MembershipView());
        Sys.ActorOf(MembershipActor.Props(bus1, view1, () => InfoOf(Sys, "node-1", Http1), Interval, _time), MembershipActor.Name);
        AkkaCluster.Get(Sys).Join(AkkaCluster.Get(Sys).SelfAddress);
        var second = StartSecondSystem(out var bus2, out _);
        try
        {
            await AwaitAssertAsync(
                () =>
                {
                    Assert.Equal([("node-1", "up"), ("node-2", "up")], view1.Members.Select(m => (m.NodeId, m.Status)));
                    Assert.Equal(Http2, view1.Find("node-2")!.Info!.HttpAddress);
                    var up = Assert.IsType<MemberUp>(Assert.Single(bus1.Recent, e => e is MemberUp { Member: "node-2" }));
                    Assert.Equal(("node-1", Http2), (up.NodeId, up.Address));
                },
                Timeout);
            await AwaitAssertAsync(() => Assert.Single(bus2.Recent, e => e is MemberUp { Member: "node-1", Address: Http1 }), Timeout);

            AkkaCluster.Get(second).Leave(AkkaCluster.Get(second).SelfAddress);

            await AwaitAssertAsync(
                () =>
                {
                    var left = Assert.IsType<MemberLeft>(Assert.Single(bus1.Recent, e => e is MemberLeft));
                    Assert.Equal(("node-1", "node-2"), (left.NodeId, left.Member));
                    Assert.Equal(["node-1"], view1.Members.Select(m => m.NodeId));
                },
                Timeout);
            Assert.DoesNotContain(bus1.Recent, e => e is MemberRemoved or MemberUnreachable);
            Assert.Equal("up", view1.Find("node-1")!.Status);

            // A member that left stops its actor system by itself (CoordinatedShutdown).
            await second.WhenTerminated.WaitAsync(Timeout);
        }
        finally
        {
            await ShutdownAsync(second);
        }
    }

    /// <summary>A second actor system (node-2) with its membership actor, joining this test's system as its seed node.</summary>
    private ActorSystem StartSecondSystem(out ClusterEventBus bus, out MembershipView view)
    {
        var seed = AkkaCluster.Get(Sys).SelfAddress;
        var config = ConfigurationFactory.ParseString($"akka.cluster.seed-nodes = [\"{seed}\"]").WithFallback(ClusterConfig);
        var second = ActorSystem.Create(SystemName, config);
        (bus, view) = (new ClusterEventBus("node-2", _time), new MembershipView());
        second.ActorOf(MembershipActor.Props(bus, view, () => InfoOf(second, "node-2", Http2), Interval, _time), MembershipActor.Name);
        return second;
    }

    private NodeInfo InfoOf(ActorSystem system, string nodeId, string http) =>
        new(nodeId, http, AkkaCluster.Get(system).SelfAddress.ToString(), [0, 1], 4, 12, 0, _time.Start, "0.1.0", _time.GetUtcNow());
}
