namespace ActorStreams.Actors;

/// <summary>Thrown inside an actor that received <see cref="Kill"/>; the default strategy stops it.</summary>
public sealed class ActorKilledException : ActorRuntimeException
{
    /// <summary>Creates the exception with a message.</summary>
    public ActorKilledException(string message)
        : base(message)
    {
    }
}
