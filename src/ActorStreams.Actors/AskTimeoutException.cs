namespace ActorStreams.Actors;

/// <summary>An <c>Ask</c> received no reply within its timeout.</summary>
public sealed class AskTimeoutException : ActorRuntimeException
{
    /// <summary>Creates the exception with a message.</summary>
    public AskTimeoutException(string message)
        : base(message)
    {
    }
}
