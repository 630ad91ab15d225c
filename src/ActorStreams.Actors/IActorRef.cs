namespace ActorStreams.Actors;

/// <summary>An immutable, thread-safe handle to an actor: the only way to send it messages.</summary>
public interface IActorRef
{
    /// <summary>The actor's location in its system's hierarchy.</summary>
    ActorPath Path { get; }

    /// <summary>Enqueues <paramref name="message"/> without blocking; fire and forget.</summary>
    /// <param name="message">The message; never null.</param>
    /// <param name="sender">The reply address seen by the receiver as <c>Sender</c>; null for none.</param>
    void Tell(object message, IActorRef? sender = null);
}
