namespace ActorStreams;

/// <summary>
/// The base of every exception ActorStreams throws on purpose, so callers can tell the project's own
/// failures (bad configuration, protocol violations, ...) from bugs and runtime faults.
/// </summary>
public class ActorStreamsException : Exception
{
    /// <summary>Creates an exception without a message.</summary>
    public ActorStreamsException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong, written for the person who has to fix it.</param>
    public ActorStreamsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and the failure that caused it.</summary>
    /// <param name="message">What went wrong, written for the person who has to fix it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ActorStreamsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
