using ActorStreams.Cluster.Partitions;
using Akka.Actor;

namespace ActorStreams.Benchmarks;

/// <summary>The payload of ping-pong and one-way runs; one shared instance, so sending allocates nothing.</summary>
internal sealed class Ball
{
    public static readonly Ball Instance = new();
}

/// <summary>Asks an actor to confirm it is running.</summary>
internal sealed class Warm
{
    public static readonly Warm Instance = new();
}

/// <summary>The reply to <see cref="Warm"/>.</summary>
internal sealed class Warmed
{
    public static readonly Warmed Instance = new();
}

/// <summary>Replies to every ball while it has replies left; completes when it has received its quota.</summary>
internal sealed class PingPongActor(long replies, long expected, TaskCompletionSource? completion) : UntypedActor
{
    private long _replies = replies;
    private long _received;

    protected override void OnReceive(object message)
    {
        if (message is Ball)
        {
            if (_replies > 0)
            {
                _replies--;
                Sender.Tell(message, Self);
            }

            if (++_received == expected)
            {
                completion?.TrySetResult();
            }
        }
        else if (message is Warm)
        {
            Sender.Tell(Warmed.Instance);
        }
    }
}

/// <summary>Counts balls until <see cref="Done"/> arrives.</summary>
internal sealed class CounterActor(TaskCompletionSource<long> completion) : UntypedActor
{
    private long _count;

    protected override void OnReceive(object message)
    {
        if (message is Ball)
        {
            _count++;
        }
        else if (message is Done)
        {
            completion.TrySetResult(_count);
        }
        else if (message is Warm)
        {
            Sender.Tell(Warmed.Instance);
        }
    }

    internal sealed class Done
    {
        public static readonly Done Instance = new();
    }
}

/// <summary>A one-way message for the entity <see cref="EntityId"/>; the same instance is sent in every round.</summary>
internal sealed record KeyedMessage(string EntityId);

/// <summary>Counts the entities of one routing run that have seen all their messages.</summary>
internal sealed class RoutingShared(int entities, int perEntity)
{
    private int _remaining = entities;

    public int PerEntity { get; } = perEntity;

    public TaskCompletionSource AllDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void EntityDone()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            AllDone.TrySetResult();
        }
    }
}

/// <summary>Routes each keyed message to its child, named by the key and created on first use (as a shard does).</summary>
internal sealed class RoutingParent(RoutingShared shared) : UntypedActor
{
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Props _entityProps = Props.Create<CountingEntity>(shared);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case KeyedMessage m:
                if (!_entities.TryGetValue(m.EntityId, out var entity))
                {
                    entity = Context.ActorOf(_entityProps, m.EntityId);
                    _entities[m.EntityId] = entity;
                }

                entity.Tell(m, Self);
                break;
            case Warm:
                Sender.Tell(Warmed.Instance);
                break;
        }
    }
}

/// <summary>Counts its keyed messages and reports when it has seen all of them (a child of a parent, or a sharded entity).</summary>
internal sealed class CountingEntity(RoutingShared shared) : UntypedActor
{
    private int _count;

    protected override void OnReceive(object message)
    {
        if (message is KeyedMessage && ++_count == shared.PerEntity)
        {
            shared.EntityDone();
        }
    }
}

/// <summary>
/// The plain-actor counterpart of the product's first contact: forwards each <see cref="EntityCommand"/> to its child,
/// named by the entity id and created on first use, so that the child answers the driver directly.
/// </summary>
internal sealed class EchoParent : UntypedActor
{
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Props _entityProps = Props.Create<EchoEntity>();

    protected override void OnReceive(object message)
    {
        if (message is EntityCommand command)
        {
            if (!_entities.TryGetValue(command.EntityId, out var entity))
            {
                entity = Context.ActorOf(_entityProps, command.EntityId);
                _entities[command.EntityId] = entity;
            }

            entity.Forward(command);
        }
    }
}

/// <summary>A plain actor that answers every <see cref="EntityCommand"/> as an entity does, and does nothing else.</summary>
internal sealed class EchoEntity : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is EntityCommand command)
        {
            Sender.Tell(new EntityReply(command.Sequence, null, false, null));
        }
    }
}

/// <summary>Counts started idle children.</summary>
internal sealed class StartedCounter(int expected)
{
    private int _started;

    public TaskCompletionSource AllStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Started()
    {
        if (Interlocked.Increment(ref _started) == expected)
        {
            AllStarted.TrySetResult();
        }
    }
}

/// <summary>Creates idle children on request.</summary>
internal sealed class SpawningParent(StartedCounter started) : UntypedActor
{
    private readonly Props _childProps = Props.Create<IdleActor>(started);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Spawn spawn:
                for (var i = 0; i < spawn.Count; i++)
                {
                    Context.ActorOf(_childProps);
                }

                break;
            case Warm:
                Sender.Tell(Warmed.Instance);
                break;
        }
    }

    internal sealed record Spawn(int Count);
}

/// <summary>Does nothing after announcing its start.</summary>
internal sealed class IdleActor(StartedCounter started) : UntypedActor
{
    protected override void PreStart() => started.Started();

    protected override void OnReceive(object message)
    {
    }
}

/// <summary>
/// Stands in for a partition's consumer, the entity that keeps its shard alive (docs/design.md §2): it does nothing, and
/// stops on the handoff stop message as the consumer does once its final checkpoint is written.
/// </summary>
internal sealed class ShardAnchor : UntypedActor
{
    protected override void OnReceive(object message)
    {
        if (message is EntityStop)
        {
            Context.Stop(Self);
        }
    }
}
