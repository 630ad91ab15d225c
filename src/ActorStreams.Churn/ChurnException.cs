namespace ActorStreams.Churn;

/// <summary>A churn model could not be trained or loaded: too little data, a model file that does not match its metrics, …</summary>
public sealed class ChurnException : ActorStreamsException
{
    /// <summary>Creates the exception with the message shown to the user.</summary>
    public ChurnException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message shown to the user and the failure that caused it.</summary>
    public ChurnException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
