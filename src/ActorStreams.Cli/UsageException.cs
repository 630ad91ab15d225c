namespace ActorStreams.Cli;

/// <summary>A bad flag or value detected after parsing; reported with exit code 2.</summary>
public sealed class UsageException : ActorStreamsException
{
    /// <summary>Creates the exception with the message shown to the user.</summary>
    public UsageException(string message)
        : base(message)
    {
    }
}
