using System.Net;

namespace ActorStreams.Cli.Inspection;

/// <summary>
/// A failed admin API request: the node could not be reached (<see cref="Status"/> is null) or answered with an
/// error. The message is written for the user; the command line reports it with exit code 1.
/// </summary>
internal sealed class AdminApiException : ActorStreamsException
{
    public AdminApiException(string message, HttpStatusCode? status = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>The HTTP status the node answered, or null when it was not reached.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>True when no HTTP answer came back (refused, timed out, host unknown, connection lost).</summary>
    public bool Unreachable => Status is null;
}
