namespace ActorStreams.Actors;

/// <summary>An actor's constructor, <c>PreStart</c> or <c>PostRestart</c> threw; the default strategy stops such an actor.</summary>
public sealed class ActorInitializationException : ActorRuntimeException
{
    /// <summary>Creates the exception for <paramref name="actor"/>.</summary>
    public ActorInitializationException(IActorRef? actor, string message, Exception? innerException)
        : base(message, innerException)
    {
        Actor = actor;
    }

    /// <summary>The actor that failed to initialise.</summary>
    public IActorRef? Actor { get; }
}
