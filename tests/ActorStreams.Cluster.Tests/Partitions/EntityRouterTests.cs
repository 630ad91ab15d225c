using System.Text;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Partitions.Internal;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Persistence.Ledger;
using ActorStreams.TestKit;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Cluster.Tests.Partitions;

/// <summary>
/// The middle of a partition's pipeline, with test probes as the shard region and the entities: first contact through
/// the region with the stored state, then straight to the entity; results in order; barriers capture the changed
/// entities; passivation; failures.
/// </summary>
[Trait("Category", "Unit")]
public sealed class EntityRouterTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private const long Epoch = 7;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly PartitionControl _control = new();
    private readonly PartitionStatus _status = new("counter", 0, Epoch, DateTimeOffset.UnixEpoch);
    private readonly ShardMetrics _metrics = new();
    private readonly FakeTimeProvider _time = new();
    private readonly List<GateSignal> _signals = [];
    private readonly Dictionary<string, TestHandle> _handles = [];
    private readonly List<TimeSpan> _captures = [];

    [Fact]
    public void FirstWork_GoesThroughTheRegion_FreshWithTheStoredState()
    {
        var (region, upstream, downstream) = Run(stored: [new EntityStateRecord("a", Encoding.UTF8.GetBytes("stored-a"), false)]);
        downstream.Request(10);

        upstream.SendNext(Work("a", "p1"));

        var command = region.ExpectMsg<EntityCommand>(Timeout);
        Assert.Equal(("a", Epoch, true, "stored-a", "p1"), (command.EntityId, command.Epoch, command.Fresh, Encoding.UTF8.GetString(command.State!), (string)command.Payload));
        var entity = CreateTestProbe();
        entity.Send(region.LastSender, new EntityReply(command.Sequence, "r1", false, Handle("a")));
        Assert.Equal(["r1"], downstream.ExpectNext(Timeout).Results);
        Assert.Equal(1, _status.ActiveEntities);
    }

    [Fact]
    public void LaterWork_AfterTheEntityAnswered_GoesStraightToIt()
    {
        var (region, upstream, downstream) = Run();
        downstream.Request(10);
        var entity = Contact(region, upstream, downstream, "a");

        upstream.SendNext(Work("a", "p2"));

        var command = entity.ExpectMsg<EntityCommand>(Timeout);
        Assert.False(command.Fresh);
        Assert.Null(command.State);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        entity.Reply(new EntityReply(command.Sequence, "r2", false, Handle("a")));
        Assert.Equal(["r2"], downstream.ExpectNext(Timeout).Results);
    }

    [Fact]
    public void Replies_OutOfOrder_WorkLeavesInTheOrderItCameIn()
    {
        var (region, upstream, downstream) = Run();
        downstream.Request(10);
        upstream.SendNext(Work("a", "pa"));
        upstream.SendNext(Work("b", "pb"));
        upstream.SendNext(new PassWork("pass", null));
        var first = region.ExpectMsg<EntityCommand>(Timeout);
        var second = region.ExpectMsg<EntityCommand>(Timeout);
        var router = region.LastSender;

        CreateTestProbe().Send(router, new EntityReply(second.Sequence, "rb", false, Handle("b")));
        downstream.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        CreateTestProbe().Send(router, new EntityReply(first.Sequence, "ra", false, Handle("a")));

        Assert.Equal(["ra"], downstream.ExpectNext(Timeout).Results);
        Assert.Equal(["rb"], downstream.ExpectNext(Timeout).Results);
        Assert.IsType<PassWork>(downstream.ExpectNext(Timeout).Work);
    }

    [Fact]
    public void Barrier_AfterEveryEarlierReply_CapturesTheChangedEntitiesAndReopensTheGate()
    {
        var (region, upstream, downstream) = Run();
        downstream.Request(10);
        var a = Contact(region, upstream, downstream, "a");
        var b = Contact(region, upstream, downstream, "b");
        var barrier = new CheckpointBarrier(1, false, new Dictionary<string, long> { ["t"] = 10 }, DateTimeOffset.UnixEpoch);

        upstream.SendNext(Work("a", "last"));
        var last = a.ExpectMsg<EntityCommand>(Timeout);
        upstream.SendNext(new BarrierWork(barrier));

        // The barrier waits for the earlier work; then it reads the state handles of the last replies.
        downstream.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.DoesNotContain(GateSignal.Reopen, Signals());
        Handle("a").Value = "state-a";
        Handle("b").Value = "state-b";
        Handle("b").Keep = true;
        a.Reply(new EntityReply(last.Sequence, "r", false, Handle("a")));
        Assert.Equal(["r"], downstream.ExpectNext(Timeout).Results);
        Assert.Same(barrier, ((BarrierWork)downstream.ExpectNext(Timeout).Work).CheckpointBarrier);
        Assert.Equal(["a=state-a", "b=state-b!"], barrier.Entities.Select(e => $"{e.Id}={Encoding.UTF8.GetString(e.State)}{(e.KeepActive ? "!" : "")}").Order());
        AwaitAssert(() => Assert.Contains(GateSignal.Reopen, Signals()), Timeout);
        lock (_captures)
        {
            // Each state took 3 ms to serialize (TestHandle): the capture's time goes to the checkpoint pacer.
            Assert.Equal([TimeSpan.FromMilliseconds(6)], _captures);
        }

        // Nothing changed since: the next barrier captures nothing.
        var next = new CheckpointBarrier(2, false, new Dictionary<string, long>(), DateTimeOffset.UnixEpoch);
        upstream.SendNext(new BarrierWork(next));
        downstream.ExpectNext(Timeout);
        Assert.Empty(next.Entities);
    }

    [Fact]
    public void Broadcast_ReachesEveryEntityInMemoryAndEveryStoredOneThatMustStayActive()
    {
        var (region, upstream, downstream) = Run(stored: [new EntityStateRecord("m", Encoding.UTF8.GetBytes("open"), true), new EntityStateRecord("n", [], false)]);
        downstream.Request(10);
        var a = Contact(region, upstream, downstream, "a");

        upstream.SendNext(new BroadcastWork("close"));

        var direct = a.ExpectMsg<EntityCommand>(Timeout);
        var viaRegion = region.ExpectMsg<EntityCommand>(Timeout);
        var router = region.LastSender;
        Assert.Equal(("m", true, "open"), (viaRegion.EntityId, viaRegion.Fresh, Encoding.UTF8.GetString(viaRegion.State!)));
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        a.Reply(new EntityReply(direct.Sequence, "from-a", false, Handle("a")));
        CreateTestProbe().Send(router, new EntityReply(viaRegion.Sequence, "from-m", true, Handle("m")));
        Assert.Equal(["from-a", "from-m"], downstream.ExpectNext(Timeout).Results.Order());
    }

    [Fact]
    public void Tick_IdleCheckpointedEntities_ArePassivatedAndTheNextWorkIsFreshAgain()
    {
        var (region, upstream, downstream) = Run(stored: [], idle: TimeSpan.FromMinutes(2));
        downstream.Request(20);
        var a = Contact(region, upstream, downstream, "a");
        Handle("a").Value = "captured";
        upstream.SendNext(new BarrierWork(new CheckpointBarrier(1, false, new Dictionary<string, long>(), DateTimeOffset.UnixEpoch)));
        downstream.ExpectNext(Timeout);

        _time.Advance(TimeSpan.FromMinutes(3));
        upstream.SendNext(new TickWork(null));

        var passivate = a.ExpectMsg<PassivateEntity>(Timeout);
        Assert.Equal(("a", Epoch), (passivate.EntityId, passivate.Epoch));
        downstream.ExpectNext(Timeout);
        Assert.Equal(0, _status.ActiveEntities);
        upstream.SendNext(Work("a", "again"));
        var fresh = region.ExpectMsg<EntityCommand>(Timeout);
        Assert.True(fresh.Fresh);
        Assert.Equal("captured", Encoding.UTF8.GetString(fresh.State!));
    }

    [Fact]
    public void Tick_MoreEntitiesThanTheLimit_PassivatesTheLeastRecentlyUsedCheckpointedOnes()
    {
        var (region, upstream, downstream) = Run(maxActive: 1);
        downstream.Request(20);
        var a = Contact(region, upstream, downstream, "a");
        _time.Advance(TimeSpan.FromSeconds(1));
        var b = Contact(region, upstream, downstream, "b");
        upstream.SendNext(new BarrierWork(new CheckpointBarrier(1, false, new Dictionary<string, long>(), DateTimeOffset.UnixEpoch)));
        downstream.ExpectNext(Timeout);

        upstream.SendNext(new TickWork(null));

        a.ExpectMsg<PassivateEntity>(Timeout);
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void EntityRejected_TheWork_FailsTheStage()
    {
        var (region, upstream, downstream) = Run();
        downstream.Request(10);
        upstream.SendNext(Work("a", "p"));
        var command = region.ExpectMsg<EntityCommand>(Timeout);

        CreateTestProbe().Send(region.LastSender, new EntityRejected(command.Sequence, "a", "stale epoch"));

        var error = downstream.ExpectError();
        Assert.Contains("stale epoch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntityStopped_WithWorkInFlight_FailsTheStage()
    {
        var (region, upstream, downstream) = Run();
        downstream.Request(10);
        var a = Contact(region, upstream, downstream, "a");
        upstream.SendNext(Work("a", "unanswered"));
        a.ExpectMsg<EntityCommand>(Timeout);

        Sys.Stop(a.Ref);

        Assert.Contains("stopped with unfinished work", downstream.ExpectError().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_Full_NoMoreWorkIsTakenUntilAReply()
    {
        var (region, upstream, downstream) = Run(window: 2);
        downstream.Request(10);
        upstream.SendNext(Work("a", "1"));
        upstream.SendNext(Work("b", "2"));
        var first = region.ExpectMsg<EntityCommand>(Timeout);
        region.ExpectMsg<EntityCommand>(Timeout);
        var router = region.LastSender;

        upstream.SendNext(Work("c", "3"));

        region.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        CreateTestProbe().Send(router, new EntityReply(first.Sequence, null, false, Handle("a")));
        Assert.Equal("c", region.ExpectMsg<EntityCommand>(Timeout).EntityId);
    }

    private (TestProbe Region, TestPublisher.Probe<RouterWork> Upstream, TestSubscriber.Probe<RoutedWork> Downstream) Run(
        EntityStateRecord[]? stored = null, int window = 100, TimeSpan? idle = null, int maxActive = 100)
    {
        _control.AttachGate(signal =>
        {
            lock (_signals)
            {
                _signals.Add(signal);
            }
        });
        var region = CreateTestProbe();
        var settings = new EntityRouter.RouterSettings(
            "counter",
            region.Ref,
            Epoch,
            (stored ?? []).ToDictionary(s => s.Id, StringComparer.Ordinal),
            window,
            idle ?? TimeSpan.FromHours(1),
            () => maxActive,
            _control,
            _status,
            _metrics,
            _time,
            took =>
            {
                lock (_captures)
                {
                    _captures.Add(took);
                }
            });
        var (upstream, downstream) = this.SourceProbe<RouterWork>()
            .Via(new EntityRouter(settings))
            .ToMaterialized(this.SinkProbe<RoutedWork>(), Keep.Both)
            .Run(Sys.Materializer());
        return (region, upstream, downstream);
    }

    /// <summary>First work for <paramref name="id"/>, answered by a new entity probe, which the router then knows.</summary>
    private TestProbe Contact(TestProbe region, TestPublisher.Probe<RouterWork> upstream, TestSubscriber.Probe<RoutedWork> downstream, string id)
    {
        upstream.SendNext(Work(id, "hello"));
        var command = region.ExpectMsg<EntityCommand>(Timeout);
        var entity = CreateTestProbe();
        entity.Send(region.LastSender, new EntityReply(command.Sequence, "hi", false, Handle(id)));
        downstream.ExpectNext(Timeout);
        return entity;
    }

    /// <summary>The state handle the test entity <paramref name="id"/> replies with.</summary>
    private TestHandle Handle(string id) => _handles.TryGetValue(id, out var handle) ? handle : _handles[id] = new TestHandle(id, _time);

    private static EntityWork Work(string id, string payload) => new(id, payload, new ConsumedRecord("t", 0, 0, null, [], 0));

    private GateSignal[] Signals()
    {
        lock (_signals)
        {
            return [.. _signals];
        }
    }

    /// <summary>A test entity's state: a string, read by the router at barriers.</summary>
    private sealed class TestHandle(string id, FakeTimeProvider time) : EntityStateHandle
    {
        public string Value { get; set; } = $"state-of-{id}";

        public bool Keep { get; set; }

        public override bool KeepActive => Keep;

        public override byte[] Serialize()
        {
            time.Advance(TimeSpan.FromMilliseconds(3));
            return Encoding.UTF8.GetBytes(Value);
        }
    }
}
