namespace ActorStreams.Cli;

/// <summary>Process exit codes of the <c>actorstreams</c> command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and failed (unreachable node, unknown entity, runtime fault).</summary>
    public const int Failure = 1;

    /// <summary>Bad flags, values or configuration: nothing was done.</summary>
    public const int Usage = 2;
}
