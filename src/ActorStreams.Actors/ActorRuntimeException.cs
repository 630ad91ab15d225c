namespace ActorStreams.Actors;

/// <summary>Base class of the actor runtime's exceptions.</summary>
public class ActorRuntimeException : ActorStreamsException
{
    /// <summary>Creates the exception with a message.</summary>
    public ActorRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ActorRuntimeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
