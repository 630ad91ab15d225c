namespace ActorStreams.Actors.Internal;

/// <summary>
/// A reference outside the actor tree whose messages go to a callback; it can watch actors (the callback then
/// receives <see cref="Terminated"/>). Used by graceful stop and by the TestKit's probes.
/// </summary>
internal sealed class FunctionRef(ActorPath path, Action<object, IActorRef?> onMessage) : InternalActorRef
{
    private readonly HashSet<IActorRef> _watching = [];

    public override ActorPath Path { get; } = path;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        onMessage(message, sender);
    }

    public void Watch(IActorRef subject)
    {
        if (subject is not InternalActorRef target)
        {
            throw new ArgumentException($"cannot watch {subject}: not a runtime reference", nameof(subject));
        }

        lock (_watching)
        {
            if (!_watching.Add(subject))
            {
                return;
            }
        }

        target.SendSystemMessage(new WatchActor(target, this));
    }

    public void Unwatch(IActorRef subject)
    {
        lock (_watching)
        {
            if (!_watching.Remove(subject))
            {
                return;
            }
        }

        if (subject is InternalActorRef target)
        {
            target.SendSystemMessage(new UnwatchActor(target, this));
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification notification)
        {
            lock (_watching)
            {
                if (!_watching.Remove(notification.Actor))
                {
                    return;
                }
            }

            onMessage(new Terminated(notification.Actor), notification.Actor);
        }
    }
}
