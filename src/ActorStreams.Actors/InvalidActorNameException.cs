namespace ActorStreams.Actors;

/// <summary>An actor name is malformed or already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ActorRuntimeException
{
    /// <summary>Creates the exception with a message.</summary>
    public InvalidActorNameException(string message)
        : base(message)
    {
    }
}
