using ActorStreams.Cluster.Partitions;
using Akka.Actor;

namespace ActorStreams.Benchmarks;

/// <summary>
/// What one <see cref="EntityDriver"/> sends: command <c>i</c> goes to entity <c>Order[i]</c> (an index into
/// <see cref="EntityIds"/>) with payload <c>Payloads[i]</c>, or <see cref="SharedPayload"/> when there are none.
/// </summary>
/// <param name="FirstContact">Where commands go until the entity's own actor is known: the shard region, or a plain parent.</param>
/// <param name="Epoch">The epoch the commands carry (the partition's registration in <see cref="PartitionRegistry"/>).</param>
/// <param name="EntityIds">The sharding ids of the partition's entities.</param>
/// <param name="Order">The entity of each command, in sending order.</param>
/// <param name="Payloads">The payload of each command, or null to send <see cref="SharedPayload"/> every time.</param>
/// <param name="SharedPayload">The payload when <see cref="Payloads"/> is null.</param>
/// <param name="Window">Most commands in flight (the pipeline's <c>max-in-flight-per-partition</c>).</param>
/// <param name="Done">Completed when every command has been answered; failed if an entity rejects one.</param>
internal sealed record DriverPlan(
    IActorRef FirstContact,
    long Epoch,
    string[] EntityIds,
    int[] Order,
    object[]? Payloads,
    object SharedPayload,
    int Window,
    TaskCompletionSource Done);

/// <summary>
/// Drives one partition's entities the way the pipeline's EntityRouter does: <see cref="EntityCommand"/>s under the
/// partition's epoch, at most a window of them in flight; first contact through <see cref="DriverPlan.FirstContact"/>
/// with <c>Fresh</c> set; once an entity has answered, its commands go straight to the actor that answered (watched),
/// unless some sent through the region are still unanswered, so that none overtakes an earlier one. Replies are counted.
/// The router's stream stage, its in-order emission and the outputs' production are not part of it.
/// </summary>
internal sealed class EntityDriver : UntypedActor
{
    private readonly DriverPlan _plan;
    private readonly Entry[] _entries;
    private readonly Dictionary<long, Pending> _pending;
    private long _sequence;
    private int _next;
    private int _answered;

    public EntityDriver(DriverPlan plan)
    {
        _plan = plan;
        _entries = [.. plan.EntityIds.Select(id => new Entry(id))];
        _pending = new Dictionary<long, Pending>(Math.Min(plan.Window, plan.Order.Length));
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case EntityReply reply:
                OnReply(reply);
                break;
            case EntityRejected rejected:
                _plan.Done.TrySetException(new InvalidOperationException($"entity {rejected.EntityId} rejected command {rejected.Sequence}: {rejected.Reason}"));
                break;
            case Go:
                if (_plan.Order.Length == 0)
                {
                    _plan.Done.TrySetResult();
                }

                while (_next < _plan.Order.Length && _pending.Count < _plan.Window)
                {
                    SendNext();
                }

                break;
            case Terminated:
                // The run is over (or the system is terminating): nothing to recover in a benchmark.
                break;
        }
    }

    private void SendNext()
    {
        var index = _next++;
        var entityIndex = _plan.Order[index];
        var entry = _entries[entityIndex];
        var fresh = !entry.Alive;
        var command = new EntityCommand(entry.Id, _plan.Epoch, ++_sequence, fresh, null, _plan.Payloads?[index] ?? _plan.SharedPayload);
        var viaRegion = fresh || entry.Ref is null || entry.ViaRegion > 0;
        if (viaRegion)
        {
            entry.ViaRegion++;
            _plan.FirstContact.Tell(command, Self);
        }
        else
        {
            entry.Ref!.Tell(command, Self);
        }

        entry.Alive = true;
        _pending[command.Sequence] = new Pending(entityIndex, viaRegion);
    }

    private void OnReply(EntityReply reply)
    {
        if (!_pending.Remove(reply.Sequence, out var pending))
        {
            return;
        }

        var entry = _entries[pending.Entity];
        if (pending.ViaRegion)
        {
            entry.ViaRegion--;
        }

        var sender = Sender;
        if (!ReferenceEquals(entry.Ref, sender) && !sender.IsNobody())
        {
            if (entry.Ref is { } old)
            {
                Context.Unwatch(old);
            }

            entry.Ref = sender;
            Context.Watch(sender);
        }

        _answered++;
        if (_next < _plan.Order.Length)
        {
            SendNext();
        }
        else if (_answered == _plan.Order.Length)
        {
            _plan.Done.TrySetResult();
        }
    }

    /// <summary>Starts sending.</summary>
    internal sealed class Go
    {
        public static readonly Go Instance = new();
    }

    private sealed class Entry(string id)
    {
        public string Id { get; } = id;

        public IActorRef? Ref { get; set; }

        public bool Alive { get; set; }

        public int ViaRegion { get; set; }
    }

    private readonly record struct Pending(int Entity, bool ViaRegion);
}
