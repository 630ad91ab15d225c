namespace ActorStreams.Actors;

/// <summary>
/// How a parent handles the failures of its children: a decider maps the exception to a <see cref="Directive"/>,
/// restarts are limited to <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/> (beyond that the child
/// is stopped) and delayed by <see cref="Backoff"/>.
/// </summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, RestartBackoff? backoff)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        if (withinTimeRange <= TimeSpan.Zero && withinTimeRange != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), withinTimeRange, "must be positive or infinite");
        }

        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        Backoff = backoff ?? RestartBackoff.None;
    }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; -1 = unlimited, 0 = none (a restart becomes a stop).</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window restarts are counted in; <see cref="Timeout.InfiniteTimeSpan"/> = forever.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Maps a child's exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>The delay before restarts.</summary>
    public RestartBackoff Backoff { get; }

    /// <summary>A one-for-one strategy that stops every failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>
    /// The default decider: stop on <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/> and
    /// <see cref="DeathPactException"/>, restart on anything else.
    /// </summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>The default strategy built from settings: one-for-one with <see cref="DefaultDecider"/>.</summary>
    public static SupervisorStrategy FromSettings(ActorSystemSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new OneForOneStrategy(
            settings.MaxNrOfRetries,
            settings.WithinTimeRange,
            DefaultDecider,
            new RestartBackoff(settings.RestartMinBackoff, settings.RestartMaxBackoff, settings.RestartRandomFactor));
    }

    /// <summary>True when a directive applies to all children rather than only the failed one.</summary>
    internal abstract bool AppliesToAllChildren { get; }
}
