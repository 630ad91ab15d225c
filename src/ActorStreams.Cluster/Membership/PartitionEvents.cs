using ActorStreams.Cluster.Partitions;
using ActorStreams.Kafka;
using Akka.Actor;

namespace ActorStreams.Cluster.Membership;

/// <summary>
/// Turns this node's partition consumers starting and stopping into cluster events (docs/admin-api.md): a
/// <see cref="RebalanceStarted"/> at the first change after a quiet period, <see cref="PartitionsAssigned"/> and
/// <see cref="PartitionsRevoked"/> per consumer, and <see cref="RebalanceFinished"/> once nothing has changed for
/// <see cref="Quiet"/>. Each is published on this node and relayed to the other members.
/// </summary>
public sealed class PartitionEvents : IPartitionObserver, IDisposable
{
    /// <summary>How long no partition may move before a rebalance counts as finished.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private readonly ClusterEventBus _bus;
    private readonly Func<IActorRef?> _membership;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private long? _rebalanceStarted;
    private long _lastChange;

    /// <summary>Creates the observer of a node; events go to <paramref name="bus"/> and, through the membership actor, to the other members.</summary>
    public PartitionEvents(ClusterEventBus bus, Func<IActorRef?> membership)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(membership);
        _bus = bus;
        _membership = membership;
        _timer = bus.Time.CreateTimer(_ => FinishIfQuiet(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public void Started(string kind, int partition, IReadOnlyList<string> topics, TimeSpan took) =>
        Changed(new PartitionsAssigned(_bus.NodeId, _bus.Now, Partitions(topics, partition), took));

    /// <inheritdoc />
    public void Stopped(string kind, int partition, IReadOnlyList<string> topics, bool finalCheckpoint, TimeSpan took) =>
        Changed(new PartitionsRevoked(_bus.NodeId, _bus.Now, Partitions(topics, partition), took));

    /// <summary>Publishes <paramref name="clusterEvent"/> of this node here and on the other members.</summary>
    public void Publish(ClusterEvent clusterEvent)
    {
        ArgumentNullException.ThrowIfNull(clusterEvent);
        _bus.Publish(clusterEvent);
        _membership()?.Tell(new MembershipActor.RelayEvent(clusterEvent));
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    private void Changed(ClusterEvent change)
    {
        bool started;
        lock (_gate)
        {
            _lastChange = _bus.Time.GetTimestamp();
            started = _rebalanceStarted is null;
            _rebalanceStarted ??= _lastChange;
            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }

        if (started)
        {
            Publish(new RebalanceStarted(_bus.NodeId, _bus.Now));
        }

        Publish(change);
    }

    private void FinishIfQuiet()
    {
        TimeSpan duration;
        lock (_gate)
        {
            if (_rebalanceStarted is not { } started)
            {
                return;
            }

            var now = _bus.Time.GetTimestamp();
            var quietFor = _bus.Time.GetElapsedTime(_lastChange, now);
            if (quietFor < Quiet)
            {
                _timer.Change(Quiet - quietFor, Timeout.InfiniteTimeSpan);
                return;
            }

            duration = _bus.Time.GetElapsedTime(started, _lastChange);
            _rebalanceStarted = null;
        }

        Publish(new RebalanceFinished(_bus.NodeId, _bus.Now, duration));
    }

    private static KafkaPartition[] Partitions(IReadOnlyList<string> topics, int partition) =>
        [.. topics.Select(t => new KafkaPartition(t, partition))];
}
