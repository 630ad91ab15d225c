namespace ActorStreams.Actors;

/// <summary>Applies the decided directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with retry limits and an optional restart backoff.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within the window; -1 = unlimited.</param>
    /// <param name="withinTimeRange">The window; <see cref="Timeout.InfiniteTimeSpan"/> = forever.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    /// <param name="backoff">Delay before restarts; null restarts immediately.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, RestartBackoff? backoff = null)
        : base(maxNrOfRetries, withinTimeRange, decider, backoff)
    {
    }

    /// <summary>Creates the strategy without retry limits.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override bool AppliesToAllChildren => false;
}
