namespace ActorStreams.Cli.Inspection;

/// <summary>The membership topic could not be read (Kafka unreachable, topic missing, timeout); discovery moves on.</summary>
internal sealed class MembershipUnavailableException : ActorStreamsException
{
    public MembershipUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
