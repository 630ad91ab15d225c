using ActorStreams.Actors;

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
internal sealed class PingPongActor(long replies, long expected, TaskCompletionSource? completion) : Actor
{
    private long _replies = replies;
    private long _received;

    protected override void Receive(object message)
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

/// <summary>Counts messages until <see cref="Done"/> arrives.</summary>
internal sealed class CounterActor(TaskCompletionSource<long> completion) : Actor
{
    private long _count;

    protected override void Receive(object message)
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

/// <summary>A message for the entity with <see cref="Key"/>.</summary>
internal sealed record EntityMessage(int Key);

/// <summary>Counters shared by the entities of one routing run.</summary>
internal sealed class RoutingShared(int entities, int perEntity)
{
    private readonly int _entities = entities;
    private int _started;
    private int _remaining = entities;

    public int PerEntity { get; } = perEntity;

    public TaskCompletionSource AllStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource AllDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Started()
    {
        if (Interlocked.Increment(ref _started) == _entities)
        {
            AllStarted.TrySetResult();
        }
    }

    public void EntityDone()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            AllDone.TrySetResult();
        }
    }
}

/// <summary>Routes each message to child <c>entity-&lt;key&gt;</c>, creating it on first use (as a shard region does).</summary>
internal sealed class RouterParent(RoutingShared shared) : Actor
{
    private readonly Dictionary<int, IActorRef> _entities = [];
    private readonly Props _entityProps = Props.Create(() => new EntityActor(shared));

    protected override void Receive(object message)
    {
        switch (message)
        {
            case EntityMessage m:
                if (!_entities.TryGetValue(m.Key, out var entity))
                {
                    entity = Create(m.Key);
                }

                entity.Tell(m, Self);
                break;
            case CreateAll all:
                for (var key = 0; key < all.Count; key++)
                {
                    Create(key);
                }

                break;
            case Warm:
                Sender.Tell(Warmed.Instance);
                break;
        }
    }

    private IActorRef Create(int key)
    {
        var entity = Context.ActorOf(_entityProps, "entity-" + key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _entities[key] = entity;
        return entity;
    }

    internal sealed record CreateAll(int Count);
}

/// <summary>Counts its messages and reports when it has seen all of them.</summary>
internal sealed class EntityActor(RoutingShared shared) : Actor
{
    private int _count;

    protected override void PreStart() => shared.Started();

    protected override void Receive(object message)
    {
        if (message is EntityMessage && ++_count == shared.PerEntity)
        {
            shared.EntityDone();
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
internal sealed class SpawningParent(StartedCounter started) : Actor
{
    private readonly Props _childProps = Props.Create(() => new IdleActor(started));

    protected override void Receive(object message)
    {
        switch (message)
        {
            case Spawn spawn:
                for (var i = 0; i < spawn.Count; i++)
                {
                    Context.ActorOf(_childProps);
                }

                break;
            case Ping:
                Sender.Tell(Pong.Instance);
                break;
            case Warm:
                Sender.Tell(Warmed.Instance);
                break;
        }
    }

    internal sealed record Spawn(int Count);

    internal sealed class Ping
    {
        public static readonly Ping Instance = new();
    }

    internal sealed class Pong
    {
        public static readonly Pong Instance = new();
    }
}

/// <summary>Does nothing after announcing its start.</summary>
internal sealed class IdleActor(StartedCounter started) : Actor
{
    protected override void PreStart() => started.Started();

    protected override void Receive(object message)
    {
    }
}
