using ActorStreams.Actors.Internal;

namespace ActorStreams.Actors;

/// <summary>
/// Base class of actors. An actor processes one message at a time in <see cref="Receive"/>; state in its fields
/// needs no locks. Create actors only through <see cref="Props"/> and <c>ActorOf</c>.
/// </summary>
public abstract class Actor
{
    private readonly ActorCell _cell;

    /// <summary>Binds the instance to the cell that is creating it.</summary>
    /// <exception cref="ActorRuntimeException">The actor was created with <c>new</c> outside <c>ActorOf</c>.</exception>
    protected Actor()
    {
        _cell = ActorCell.TakeConstructing()
            ?? throw new ActorRuntimeException($"{GetType().Name} must be created through Props and ActorOf, not with new");
    }

    /// <summary>This actor's context: children, watch, become, its system.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's reference.</summary>
    protected IActorRef Self => _cell;

    /// <summary>The sender of the message being processed; dead letters when it had none.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>This actor's keyed timers (allocated on first use).</summary>
    protected ITimerScheduler Timers => _cell.Timers;

    /// <summary>This actor's stash (allocated on first use).</summary>
    protected IStash Stash => _cell.Stash;

    internal ActorCell Cell => _cell;

    /// <summary>Handles one message; pass messages you do not handle to <see cref="Unhandled"/>.</summary>
    protected abstract void Receive(object message);

    /// <summary>
    /// Called for messages the actor does not handle: publishes <see cref="UnhandledMessage"/> on the event stream;
    /// an unhandled <see cref="Terminated"/> throws <see cref="DeathPactException"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        _cell.PublishUnhandled(message);
    }

    /// <summary>Called once the instance is created, before it receives messages (also after a restart, from <see cref="PostRestart"/>).</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Called after the actor and all its children stopped.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance before a restart; by default stops all children and calls <see cref="PostStop"/>.</summary>
    /// <param name="reason">The failure.</param>
    /// <param name="message">The message being processed when it failed, if any.</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the new instance after a restart; by default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The strategy this actor supervises its children with; by default the props' or the system's.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => _cell.DefaultChildStrategy;

    internal void InvokeReceive(object message) => Receive(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();
}
