namespace ActorStreams.Actors;

/// <summary>An actor's view of itself and its place in the hierarchy; use it only from inside the actor.</summary>
public interface IActorContext
{
    /// <summary>This actor's reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; dead letters when it had none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervising parent.</summary>
    IActorRef Parent { get; }

    /// <summary>The actor system.</summary>
    ActorSystem System { get; }

    /// <summary>The props this actor was created from.</summary>
    Props Props { get; }

    /// <summary>The children alive or stopping now (a snapshot).</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>Creates a child; a null name picks a unique <c>$</c>-prefixed one.</summary>
    /// <exception cref="InvalidActorNameException">The name is malformed or taken.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The child named <paramref name="name"/>, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Stops a child or this actor (after the current message); asynchronous.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> once when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching; no <see cref="Terminated"/> for <paramref name="subject"/> is delivered afterwards.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Handles the next messages with <paramref name="receive"/>; keeps the old behaviour on a stack unless <paramref name="discardOld"/>.</summary>
    void Become(Action<object> receive, bool discardOld = true);

    /// <summary>Returns to the previous behaviour (the actor's <c>Receive</c> at the bottom).</summary>
    void Unbecome();
}
