namespace ActorStreams.Actors.Internal;

/// <summary>A reference the runtime can also send system messages to (death watch, lifecycle).</summary>
internal abstract class InternalActorRef : IActorRef
{
    public abstract ActorPath Path { get; }

    /// <summary>True once the referenced actor can no longer receive messages.</summary>
    public virtual bool IsTerminated => false;

    public abstract void Tell(object message, IActorRef? sender = null);

    public abstract void SendSystemMessage(SystemMessage message);

    public override string ToString() => $"[{Path}]";

    /// <summary>
    /// What a reference that cannot receive system messages does with one: a watch is answered at once with a
    /// death-watch notification (watching a dead actor yields <see cref="Terminated"/>); the rest is dropped.
    /// </summary>
    protected void HandleAsDead(SystemMessage message)
    {
        if (message is WatchActor watch && !ReferenceEquals(watch.Watcher, this))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }
}
