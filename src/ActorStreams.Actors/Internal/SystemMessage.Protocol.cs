namespace ActorStreams.Actors.Internal;

/// <summary>
/// Runtime-internal messages (lifecycle, supervision, death watch). They travel on a separate lock-free stack
/// and are processed before user messages. <see cref="Next"/> links them intrusively, so each is sent once.
/// </summary>
internal abstract class SystemMessage
{
    public SystemMessage? Next;
}

/// <summary>Create the actor instance and run PreStart.</summary>
internal sealed class CreateActor : SystemMessage;

/// <summary>Replace the actor instance after a failure.</summary>
internal sealed class RecreateActor(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Suspend user-message processing (all-for-one restart with backoff).</summary>
internal sealed class SuspendActor : SystemMessage;

/// <summary>Resume user-message processing after a failure.</summary>
internal sealed class ResumeActor : SystemMessage;

/// <summary>Stop: children first, then PostStop.</summary>
internal sealed class TerminateActor : SystemMessage;

/// <summary>A child failed and is suspended until its parent decides.</summary>
internal sealed class ChildFailed(ActorCell child, Exception cause) : SystemMessage
{
    public ActorCell Child { get; } = child;

    public Exception Cause { get; } = cause;
}

/// <summary>Ask <see cref="Watchee"/> to notify <see cref="Watcher"/> when it terminates.</summary>
internal sealed class WatchActor(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;

    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary>Cancel a <see cref="WatchActor"/>.</summary>
internal sealed class UnwatchActor(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;

    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary>Sent by a terminated actor to its watchers and its parent.</summary>
internal sealed class DeathWatchNotification(IActorRef actor) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
}

/// <summary>Marks a terminated cell's system-message stack as closed.</summary>
internal sealed class MailboxClosed : SystemMessage
{
    public static readonly MailboxClosed Instance = new();
}
