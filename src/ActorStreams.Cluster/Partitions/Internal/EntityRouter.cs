using ActorStreams.Cluster.Sharding;
using ActorStreams.Persistence.Ledger;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Stage;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// The middle of a partition's pipeline: sends each piece of work to its entity (or to every entity in memory), collects
/// the replies and emits the work with its results in the order it came in, with at most a window of work in flight.
/// </summary>
/// <remarks>
/// <para>First contact with an entity goes through the shard region (which creates it) and carries the entity's last
/// checkpointed state; once the entity has answered, work goes straight to it, so that a shard being handed off cannot
/// drop or reroute it. An entity's work never overtakes earlier work: it stays on the region's path until every message
/// sent that way is answered.</para>
/// <para>At a barrier, once every earlier piece of work is answered, the router serializes the state of each entity
/// changed since the last barrier through the state handle of its last reply (every entity is quiescent then), adds
/// the states to the barrier and reopens the gate (docs/design.md §3); the time that took counts against the checkpoint
/// budget (<see cref="CheckpointPacer"/>).</para>
/// <para>On each tick it passivates (docs/design.md §2) entities whose state is checkpointed and that have nothing in
/// flight: those without work for the idle timeout, and the least recently used beyond the partition's share of the
/// active-entity limit. (The router sees all of its entities' work, so entities need no receive timeout of their own;
/// Akka reschedules one on every message, which doubled an entity's cost per command.)</para>
/// </remarks>
internal sealed class EntityRouter : GraphStage<FlowShape<RouterWork, RoutedWork>>
{
    private readonly RouterSettings _settings;

    public EntityRouter(RouterSettings settings)
    {
        _settings = settings;
        Shape = new FlowShape<RouterWork, RoutedWork>(In, Out);
    }

    public Inlet<RouterWork> In { get; } = new("router.in");

    public Outlet<RoutedWork> Out { get; } = new("router.out");

    public override FlowShape<RouterWork, RoutedWork> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("entity-router");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    /// <summary>What a router needs: its kind's region, its epoch, the recovered states, its limits and where to report.</summary>
    internal sealed record RouterSettings(
        string Kind,
        IActorRef Region,
        long Epoch,
        IReadOnlyDictionary<string, EntityStateRecord> States,
        int Window,
        TimeSpan IdleTimeout,
        Func<int> MaxActiveEntities,
        PartitionControl Control,
        PartitionStatus Status,
        ShardMetrics Metrics,
        TimeProvider Time,
        Action<TimeSpan> Captured);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly EntityRouter _stage;
        private readonly RouterSettings _settings;
        private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
        private readonly Dictionary<IActorRef, Entry> _byRef = [];
        private readonly Dictionary<string, EntityStateRecord> _states;
        private readonly Queue<RoutedWork> _slots = new();
        private readonly Dictionary<long, Pending> _pending = [];
        private StageActor _self = null!;
        private ReplyInbox _inbox = null!;
        private Action<IActorRef, object> _onReply = null!;
        private long _sequence;
        private long _alive;
        private RoutedWork? _barrier;

        public Logic(EntityRouter stage)
            : base(stage.Shape)
        {
            _stage = stage;
            _settings = stage._settings;
            _states = new Dictionary<string, EntityStateRecord>(_settings.States, StringComparer.Ordinal);
            foreach (var state in _states.Values.Where(s => s.KeepActive))
            {
                // Entities that must hear broadcasts although nothing is in memory yet (merchants with open windows).
                _entries[state.Id] = new Entry(state.Id) { KeepActive = true };
            }

            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            _self = GetStageActor(OnMessage);
            _onReply = OnEntityMessage;
            _inbox = new ReplyInbox(
                ((ExtendedActorSystem)((ActorMaterializer)Materializer).System).Provider,
                GetAsyncCallback<bool>(_ => _inbox.Drain(_onReply)));
            _settings.Control.Router = _self.Ref;
            Pull(_stage.In);
        }

        public override void PostStop()
        {
            _settings.Control.Router = null;
            _inbox?.Stop();
            _settings.Metrics.AddActive(-_alive);
            _settings.Status.ActiveEntities = 0;
        }

        public override void OnPush()
        {
            var work = Grab(_stage.In);
            var slot = new RoutedWork(work);
            _slots.Enqueue(slot);
            switch (work)
            {
                case EntityWork entity:
                    slot.Awaiting = 1;
                    Send(entity.EntityId, entity.Payload, slot);
                    break;
                case BroadcastWork broadcast:
                    var targets = _entries.Values.Where(e => e.Alive || e.KeepActive).Select(e => e.Id).ToList();
                    slot.Awaiting = targets.Count;
                    foreach (var id in targets)
                    {
                        Send(id, broadcast.Payload, slot);
                    }

                    break;
                case TickWork:
                    Passivate();
                    break;
                case BarrierWork:
                    _barrier = slot;
                    slot.Awaiting = 1;
                    CaptureWhenQuiet();
                    break;
            }

            slot.Done |= slot.Awaiting == 0;
            EmitHead();
            PullIfRoom();
        }

        public override void OnPull() => EmitHead();

        private void Send(string entityId, object payload, RoutedWork slot)
        {
            if (!_entries.TryGetValue(entityId, out var entry))
            {
                entry = new Entry(entityId);
                _entries[entityId] = entry;
            }

            var fresh = !entry.Alive;
            var command = new EntityCommand(entityId, _settings.Epoch, ++_sequence, fresh, fresh ? _states.GetValueOrDefault(entityId)?.State : null, payload);
            var viaRegion = fresh || entry.Ref is null || entry.ViaRegion > 0;
            if (viaRegion)
            {
                entry.ViaRegion++;
                _settings.Region.Tell(command, _inbox);
            }
            else
            {
                entry.Ref!.Tell(command, _inbox);
            }

            if (fresh)
            {
                entry.Alive = true;
                _alive++;
                _settings.Metrics.AddActive(1);
                _settings.Status.ActiveEntities = _alive;
            }

            entry.InFlight++;
            entry.Dirty = true;
            entry.LastSequence = command.Sequence;
            entry.LastUsed = _settings.Time.GetTimestamp();
            _pending[command.Sequence] = new Pending(slot, entry, viaRegion);
        }

        /// <summary>What entities send back to the inbox: replies, or a refusal.</summary>
        private void OnEntityMessage(IActorRef sender, object message)
        {
            switch (message)
            {
                case EntityReply reply:
                    OnReply(sender, reply);
                    break;
                case EntityRejected rejected:
                    FailStage(new ActorStreamsException(
                        $"{_settings.Kind} {rejected.EntityId} refused the work of partition {_settings.Status.Partition}: {rejected.Reason}; the partition restarts from its last checkpoint"));
                    break;
            }
        }

        private void OnMessage((IActorRef Sender, object Message) received)
        {
            switch (received.Message)
            {
                case EntityReply or EntityRejected:
                    OnEntityMessage(received.Sender, received.Message);
                    break;
                case Terminated terminated:
                    OnTerminated(terminated.ActorRef);
                    break;
                case RouterQuery query:
                    received.Sender.Tell(Answer(query.EntityId));
                    break;
                case WorkLost lost:
                    FailStage(new ActorStreamsException($"{_settings.Kind} partition {_settings.Status.Partition}: {lost.Reason}; the partition restarts from its last checkpoint"));
                    break;
            }
        }

        private void OnReply(IActorRef sender, EntityReply reply)
        {
            if (!_pending.Remove(reply.Sequence, out var pending))
            {
                return;
            }

            var entry = pending.Entry;
            entry.InFlight--;
            if (pending.ViaRegion)
            {
                entry.ViaRegion--;
            }

            entry.KeepActive = reply.KeepActive;
            entry.State = reply.State ?? entry.State;
            if (entry.Alive && !ReferenceEquals(entry.Ref, sender) && !sender.IsNobody())
            {
                Learn(entry, sender);
            }

            var slot = pending.Slot;
            slot.Add(reply.Outcome);

            if (--slot.Awaiting == 0)
            {
                slot.Done = true;
                EmitHead();
            }

            CaptureWhenQuiet();
        }

        private void Learn(Entry entry, IActorRef actor)
        {
            if (entry.Ref is { } old)
            {
                _byRef.Remove(old);
                _self.Unwatch(old);
            }

            entry.Ref = actor;
            _byRef[actor] = entry;
            _self.Watch(actor);
        }

        /// <summary>
        /// Once the barrier is the only work left unanswered, adds the states of the entities changed since the last
        /// barrier to it: every entity is quiescent then, so the router reads their state handles itself.
        /// </summary>
        private void CaptureWhenQuiet()
        {
            if (_barrier is not { } barrier || _pending.Count > 0)
            {
                return;
            }

            var entities = ((BarrierWork)barrier.Work).CheckpointBarrier.Entities;
            var started = _settings.Time.GetTimestamp();
            foreach (var entry in _entries.Values)
            {
                if (!entry.Dirty)
                {
                    continue;
                }

                // A changed entity has answered since (nothing is pending), so its state handle is known.
                if (entry.State is not { } handle)
                {
                    FailStage(new InvalidOperationException($"{_settings.Kind} {entry.Id} answered without a state handle; its state cannot be checkpointed"));
                    return;
                }

                var record = new EntityStateRecord(entry.Id, handle.Serialize(), handle.KeepActive);
                _states[entry.Id] = record;
                entities.Add(record);
                entry.Dirty = false;
                entry.KeepActive = record.KeepActive;
            }

            _settings.Captured(_settings.Time.GetElapsedTime(started));
            BarrierCaptured(barrier);
        }

        private void BarrierCaptured(RoutedWork barrier)
        {
            _barrier = null;
            barrier.Awaiting = 0;
            barrier.Done = true;
            _settings.Control.Reopen();
            EmitHead();
            PullIfRoom();
        }

        private void OnTerminated(IActorRef actor)
        {
            if (!_byRef.Remove(actor, out var entry))
            {
                return;
            }

            if (entry.InFlight > 0 || (entry.Dirty && entry.State is null))
            {
                FailStage(new ActorStreamsException(
                    $"{_settings.Kind} {entry.Id} stopped with unfinished work (partition {_settings.Status.Partition}); the partition restarts from its last checkpoint"));
                return;
            }

            if (entry.Dirty)
            {
                // Passivated as a new command reached it (sharding delivered the command before the stop): it answered
                // everything, so its state handle holds every change, and it no longer runs. The next incarnation starts
                // from that state, and the next checkpoint writes it from the handle.
                var handle = entry.State!;
                _states[entry.Id] = new EntityStateRecord(entry.Id, handle.Serialize(), handle.KeepActive);
            }
            else
            {
                entry.State = null;
            }

            entry.Ref = null;
            if (entry.Alive)
            {
                entry.Alive = false;
                _alive--;
                _settings.Metrics.AddActive(-1);
                _settings.Status.ActiveEntities = _alive;
            }

            Forget(entry);
        }

        private bool CanPassivate(Entry entry) =>
            entry.Alive && !entry.Dirty && entry.InFlight == 0 && !entry.KeepActive && entry.Ref is not null;

        /// <summary>On a tick: the idle entities, and the least recently used beyond the limit.</summary>
        private void Passivate()
        {
            var now = _settings.Time.GetTimestamp();
            var limit = Math.Max(1, _settings.MaxActiveEntities());
            var candidates = _entries.Values.Where(CanPassivate).ToList();
            foreach (var entry in candidates.Where(e => _settings.Time.GetElapsedTime(e.LastUsed, now) >= _settings.IdleTimeout))
            {
                Passivate(entry);
            }

            var excess = _alive - limit;
            if (excess > 0)
            {
                foreach (var entry in candidates.Where(e => e.Alive).OrderBy(e => e.LastUsed).Take((int)Math.Min(excess, int.MaxValue)))
                {
                    Passivate(entry);
                }
            }
        }

        private void Passivate(Entry entry)
        {
            var actor = entry.Ref!;
            actor.Tell(new PassivateEntity(entry.Id, _settings.Epoch, entry.LastSequence), _self.Ref);
            _byRef.Remove(actor);
            _self.Unwatch(actor);
            entry.Ref = null;
            entry.State = null;
            entry.Alive = false;
            _alive--;
            _settings.Metrics.AddActive(-1);
            _settings.Status.ActiveEntities = _alive;
            Forget(entry);
        }

        /// <summary>Drops the bookkeeping of an entity not in memory; its state stays with the recovered ones.</summary>
        private void Forget(Entry entry)
        {
            if (!entry.KeepActive && entry.InFlight == 0 && !entry.Dirty)
            {
                _entries.Remove(entry.Id);
            }
        }

        private RouterAnswer Answer(string entityId) =>
            _entries.TryGetValue(entityId, out var entry) && entry.Alive && entry.Ref is { } actor
                ? new RouterAnswer(actor, _states.GetValueOrDefault(entityId))
                : new RouterAnswer(null, _states.GetValueOrDefault(entityId));

        private void EmitHead()
        {
            if (_slots.TryPeek(out var head) && head.Done && IsAvailable(_stage.Out))
            {
                _slots.Dequeue();
                Push(_stage.Out, head);
                PullIfRoom();
            }

            if (_slots.Count == 0 && IsClosed(_stage.In))
            {
                CompleteStage();
            }
        }

        public override void OnUpstreamFinish()
        {
            if (_slots.Count == 0)
            {
                CompleteStage();
            }
        }

        private void PullIfRoom()
        {
            if (_barrier is null && _slots.Count < _settings.Window && !HasBeenPulled(_stage.In) && !IsClosed(_stage.In))
            {
                Pull(_stage.In);
            }
        }

        /// <summary>What the router knows of one entity of the partition.</summary>
        private sealed class Entry(string id)
        {
            public string Id { get; } = id;

            public IActorRef? Ref { get; set; }

            public bool Alive { get; set; }

            public int InFlight { get; set; }

            public int ViaRegion { get; set; }

            public bool Dirty { get; set; }

            public bool KeepActive { get; set; }

            public EntityStateHandle? State { get; set; }

            public long LastSequence { get; set; }

            public long LastUsed { get; set; }
        }

        private readonly record struct Pending(RoutedWork Slot, Entry Entry, bool ViaRegion);
    }
}
