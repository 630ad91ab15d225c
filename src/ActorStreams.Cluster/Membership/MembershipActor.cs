using Akka;
using Akka.Actor;
using Akka.Cluster;
using AkkaEvents = Akka.Cluster.ClusterEvent;

namespace ActorStreams.Cluster.Membership;

/// <summary>
/// This node's view of the cluster (<c>/user/membership</c>, one per node): it follows Akka.Cluster's membership and
/// reachability events, exchanges <see cref="NodeInfo"/> with the other members every interval, keeps the
/// <see cref="MembershipView"/> the admin API reads, and turns what it sees into cluster events on the node's
/// <see cref="ClusterEventBus"/>. It also relays this node's own events (handoffs, leave) to the other members, so that
/// <c>cmd cluster tail</c> on any node shows the partitions moving everywhere. A relay is a plain tell, which Akka's
/// remoting may drop when an association is reset; so a leaving node, once its partitions are handed off, sends its
/// recent events again and waits for every member to acknowledge them (<see cref="FlushRelays"/>), and receivers
/// publish each relayed event once.
/// </summary>
public sealed class MembershipActor : ReceiveActor, IWithTimers
{
    /// <summary>The actor's name under <c>/user</c>, the same on every node.</summary>
    public const string Name = "membership";

    private const int RecentRelays = 64;
    private const int SeenRelays = 4096;

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
    private readonly Queue<RelayedClusterEvent> _recentRelays = new();
    private readonly HashSet<string> _seenRelays = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();

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
        Receive<RelayedClusterEvent>(PublishOnce);
        Receive<RelayBatch>(batch =>
        {
            foreach (var relayed in batch.Events)
            {
                PublishOnce(relayed);
            }

            Sender.Tell(RelayAck.Instance);
        });
        Receive<RelayEvent>(e => Relay(e.Event));
        Receive<FlushRelays>(flush => Flush(flush.Timeout).PipeTo(Sender));
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
        _recentRelays.Enqueue(relayed);
        while (_recentRelays.Count > RecentRelays)
        {
            _recentRelays.Dequeue();
        }

        foreach (var address in OtherReachableMembers())
        {
            Context.ActorSelection(new RootActorPath(address) / "user" / Name).Tell(relayed);
        }
    }

    /// <summary>Sends the recent relays again to every reachable member and waits (at most <paramref name="timeout"/>) until each acknowledged them.</summary>
    private async Task<Done> Flush(TimeSpan timeout)
    {
        var batch = new RelayBatch([.. _recentRelays]);
        var acks = OtherReachableMembers()
            .Select(address => Context.ActorSelection(new RootActorPath(address) / "user" / Name).Ask<RelayAck>(batch, timeout))
            .ToList();
        try
        {
            await Task.WhenAll(acks).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            // A member that does not answer in time misses them; the leave goes on.
        }

        return Done.Instance;
    }

    private List<Address> OtherReachableMembers() =>
        [.. _members.Keys.Where(a => a != _cluster.SelfAddress && !_unreachable.Contains(a))];

    private void PublishOnce(RelayedClusterEvent relayed)
    {
        var key = $"{relayed.NodeId}|{relayed.At.UtcTicks}|{relayed.EventType}|{Convert.ToBase64String(relayed.Json)}";
        if (!_seenRelays.Add(key))
        {
            return;
        }

        _seenOrder.Enqueue(key);
        while (_seenOrder.Count > SeenRelays)
        {
            _seenRelays.Remove(_seenOrder.Dequeue());
        }

        _bus.Publish(relayed);
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

    /// <summary>Re-sends this node's recent events to the other members and answers <see cref="Done"/> once each acknowledged them or <paramref name="Timeout"/> passed.</summary>
    /// <param name="Timeout">How long to wait for the acknowledgements.</param>
    public sealed record FlushRelays(TimeSpan Timeout);

    /// <summary>Events of another node, sent again; answered with <see cref="RelayAck"/>.</summary>
    /// <param name="Events">The events, oldest first.</param>
    public sealed record RelayBatch(RelayedClusterEvent[] Events);

    /// <summary>A <see cref="RelayBatch"/> was received.</summary>
    public sealed class RelayAck
    {
        /// <summary>The acknowledgement.</summary>
        public static readonly RelayAck Instance = new();
    }

    /// <summary>Relay this node's <paramref name="Event"/> to the other members.</summary>
    /// <param name="Event">The event this node reported.</param>
    public sealed record RelayEvent(ClusterEvent Event);

    private sealed class PublishTick
    {
        public static readonly PublishTick Instance = new();
    }
}
