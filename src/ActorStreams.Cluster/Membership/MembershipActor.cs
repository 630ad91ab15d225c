using Akka.Actor;
using Akka.Cluster;
using AkkaEvents = Akka.Cluster.ClusterEvent;

namespace ActorStreams.Cluster.Membership;

/// <summary>
/// This node's view of the cluster (<c>/user/membership</c>, one per node): it follows Akka.Cluster's membership and
/// reachability events, exchanges <see cref="NodeInfo"/> with the other members every interval, keeps the
/// <see cref="MembershipView"/> the admin API reads, and turns what it sees into cluster events on the node's
/// <see cref="ClusterEventBus"/>. It also relays this node's own events (handoffs, leave) to the other members, so that
/// <c>cmd cluster tail</c> on any node shows the partitions moving everywhere.
/// </summary>
public sealed class MembershipActor : ReceiveActor, IWithTimers
{
    /// <summary>The actor's name under <c>/user</c>, the same on every node.</summary>
    public const string Name = "membership";

    private readonly ClusterEventBus _bus;
    private readonly MembershipView _view;
    private readonly Func<NodeInfo> _localInfo;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly Dictionary<Address, Member> _members = [];
    private readonly HashSet<Address> _unreachable = [];
    private readonly Dictionary<Address, (NodeInfo Info, DateTimeOffset Heard)> _infos = [];
    private readonly HashSet<Address> _upPending = [];

    /// <summary>Creates the membership actor of a node.</summary>
    public MembershipActor(ClusterEventBus bus, MembershipView view, Func<NodeInfo> localInfo, TimeSpan interval, TimeProvider time)
    {
        _bus = bus;
        _view = view;
        _localInfo = localInfo;
        _interval = interval;
        _time = time;

        Receive<AkkaEvents.MemberUp>(e => OnUp(e.Member));
        Receive<AkkaEvents.MemberJoined>(e => Track(e.Member));
        Receive<AkkaEvents.MemberWeaklyUp>(e => Track(e.Member));
        Receive<AkkaEvents.MemberLeft>(e => Track(e.Member));
        Receive<AkkaEvents.MemberExited>(e => Track(e.Member));
        Receive<AkkaEvents.MemberDowned>(e => Track(e.Member));
        Receive<AkkaEvents.MemberRemoved>(OnRemoved);
        Receive<AkkaEvents.UnreachableMember>(e => OnUnreachable(e.Member));
        Receive<AkkaEvents.ReachableMember>(e => OnReachable(e.Member));
        Receive<NodeInfo>(OnInfo);
        Receive<RelayedClusterEvent>(e => _bus.Publish(e));
        Receive<RelayEvent>(e => Relay(e.Event));
        Receive<PublishTick>(_ => PublishInfo());
        Receive<AkkaEvents.CurrentClusterState>(_ => { });
        Receive<AkkaEvents.IMemberEvent>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the membership actor.</summary>
    public static Props Props(ClusterEventBus bus, MembershipView view, Func<NodeInfo> localInfo, TimeSpan interval, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new MembershipActor(bus, view, localInfo, interval, time));

    /// <inheritdoc />
    protected override void PreStart()
    {
        _cluster.Subscribe(Self, AkkaEvents.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(AkkaEvents.IMemberEvent), typeof(AkkaEvents.IReachabilityEvent));
        Timers.StartPeriodicTimer("publish", PublishTick.Instance, TimeSpan.Zero, _interval);
    }

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnUp(Member member)
    {
        Track(member);
        _upPending.Add(member.Address);
        PublishUpIfKnown(member.Address);
    }

    private void Track(Member member)
    {
        _members[member.Address] = member;
        UpdateView();
    }

    private void OnRemoved(AkkaEvents.MemberRemoved removed)
    {
        var address = removed.Member.Address;
        _members.Remove(address);
        _unreachable.Remove(address);
        _upPending.Remove(address);
        var nodeId = NodeIdOf(address);

        // A node restarted on the same host and port is a new member: it must announce itself again.
        _infos.Remove(address);
        _bus.Publish(removed.PreviousStatus is MemberStatus.Leaving or MemberStatus.Exiting
            ? new MemberLeft(_bus.NodeId, _bus.Now, nodeId)
            : new MemberRemoved(_bus.NodeId, _bus.Now, nodeId));
        UpdateView();
    }

    private void OnUnreachable(Member member)
    {
        _members[member.Address] = member;
        if (_unreachable.Add(member.Address))
        {
            var lastHeard = _infos.TryGetValue(member.Address, out var info) ? info.Heard : _bus.Now;
            _bus.Publish(new MemberUnreachable(_bus.NodeId, _bus.Now, NodeIdOf(member.Address), lastHeard));
        }

        UpdateView();
    }

    private void OnReachable(Member member)
    {
        _members[member.Address] = member;
        if (_unreachable.Remove(member.Address))
        {
            _upPending.Add(member.Address);
            PublishUpIfKnown(member.Address);
        }

        UpdateView();
    }

    private void OnInfo(NodeInfo info)
    {
        if (!TryParse(info.AkkaAddress, out var address))
        {
            return;
        }

        _infos[address] = (info, _time.GetUtcNow());
        PublishUpIfKnown(address);
        UpdateView();
    }

    private void PublishUpIfKnown(Address address)
    {
        if (_upPending.Contains(address) && _infos.TryGetValue(address, out var known) && _members.ContainsKey(address))
        {
            _upPending.Remove(address);
            _bus.Publish(new MemberUp(_bus.NodeId, _bus.Now, known.Info.NodeId, known.Info.HttpAddress));
        }
    }

    private void PublishInfo()
    {
        var info = _localInfo();
        foreach (var address in _members.Keys.Append(_cluster.SelfAddress).Distinct())
        {
            Context.ActorSelection(new RootActorPath(address) / "user" / Name).Tell(info);
        }
    }

    private void Relay(ClusterEvent clusterEvent)
    {
        var relayed = new RelayedClusterEvent(clusterEvent.NodeId, clusterEvent.At, clusterEvent.Type, clusterEvent.ToJsonUtf8());
        foreach (var address in _members.Keys.Where(a => a != _cluster.SelfAddress && !_unreachable.Contains(a)))
        {
            Context.ActorSelection(new RootActorPath(address) / "user" / Name).Tell(relayed);
        }
    }

    private void UpdateView() =>
        _view.Replace(_members.Values.Select(m =>
        {
            var known = _infos.TryGetValue(m.Address, out var info);
            return new ClusterMember(m.Address.ToString(), StatusOf(m), known ? info.Info : null, known ? info.Heard : null);
        }));

    private string StatusOf(Member member) =>
        _unreachable.Contains(member.Address) ? "unreachable" : member.Status switch
        {
            MemberStatus.Joining or MemberStatus.WeaklyUp => "joining",
            MemberStatus.Up => "up",
            MemberStatus.Leaving => "leaving",
            MemberStatus.Exiting => "exiting",
            MemberStatus.Down => "down",
            _ => member.Status.ToString().ToLowerInvariant(),
        };

    private string NodeIdOf(Address address) => _infos.TryGetValue(address, out var info) ? info.Info.NodeId : address.ToString();

    private static bool TryParse(string text, out Address address)
    {
        try
        {
            address = Address.Parse(text);
            return true;
        }
        catch (UriFormatException)
        {
            address = Address.AllSystems;
            return false;
        }
    }

    /// <summary>Relay this node's <paramref name="Event"/> to the other members.</summary>
    /// <param name="Event">The event this node reported.</param>
    public sealed record RelayEvent(ClusterEvent Event);

    private sealed class PublishTick
    {
        public static readonly PublishTick Instance = new();
    }
}
