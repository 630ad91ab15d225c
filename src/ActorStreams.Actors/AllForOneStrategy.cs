namespace ActorStreams.Actors;

/// <summary>
/// Applies a restart or stop to all children of the supervisor when one fails (for siblings that only work
/// together); a resume applies to the failed child only.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with retry limits and an optional restart backoff.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within the window; -1 = unlimited.</param>
    /// <param name="withinTimeRange">The window; <see cref="Timeout.InfiniteTimeSpan"/> = forever.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    /// <param name="backoff">Delay before restarts; null restarts immediately.</param>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, RestartBackoff? backoff = null)
        : base(maxNrOfRetries, withinTimeRange, decider, backoff)
    {
    }

    /// <summary>Creates the strategy without retry limits.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override bool AppliesToAllChildren => true;
}
