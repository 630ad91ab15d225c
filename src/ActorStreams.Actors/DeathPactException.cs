namespace ActorStreams.Actors;

/// <summary>An actor did not handle the <see cref="Terminated"/> of an actor it watched; the default strategy stops it.</summary>
public sealed class DeathPactException : ActorRuntimeException
{
    /// <summary>Creates the exception for the watched actor that died.</summary>
    public DeathPactException(IActorRef deadActor)
        : base($"unhandled Terminated of watched actor {deadActor.Path}")
    {
        DeadActor = deadActor;
    }

    /// <summary>The watched actor that terminated.</summary>
    public IActorRef DeadActor { get; }
}
