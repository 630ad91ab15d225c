namespace ActorStreams.Actors;

/// <summary>
/// Settings of an <see cref="ActorSystem"/>, one property per key of the <c>actorstreams.actors</c> section of
/// the module's <c>reference.conf</c>; the defaults here equal the defaults there.
/// </summary>
public sealed partial record ActorSystemSettings
{
    /// <summary>The defaults.</summary>
    public static ActorSystemSettings Default { get; } = new();

    /// <summary><c>throughput</c>: messages an actor processes per dispatcher turn before yielding its thread.</summary>
    public int Throughput { get; init; } = 30;

    /// <summary><c>default-mailbox.kind</c>: the mailbox of actors whose <see cref="Props"/> name none.</summary>
    public MailboxKind DefaultMailboxKind { get; init; } = MailboxKind.Unbounded;

    /// <summary><c>default-mailbox.capacity</c>: capacity of bounded mailboxes that do not name one.</summary>
    public int DefaultMailboxCapacity { get; init; } = 1000;

    /// <summary><c>ask-timeout</c>: the timeout of <c>Ask</c> calls that do not pass one.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>supervision.max-nr-of-retries</c>: restarts allowed within the window before the child is stopped; -1 = unlimited.</summary>
    public int MaxNrOfRetries { get; init; } = 10;

    /// <summary><c>supervision.within-time-range</c>: the window the retries are counted in; <see cref="Timeout.InfiniteTimeSpan"/> = forever.</summary>
    public TimeSpan WithinTimeRange { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>supervision.min-backoff</c>: delay of the first restart; zero restarts immediately.</summary>
    public TimeSpan RestartMinBackoff { get; init; } = TimeSpan.Zero;

    /// <summary><c>supervision.max-backoff</c>: upper bound of the exponential restart delay.</summary>
    public TimeSpan RestartMaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>supervision.random-factor</c>: jitter added to restart delays, as a fraction of the delay.</summary>
    public double RestartRandomFactor { get; init; } = 0.2;

    /// <summary><c>guardian-supervision</c>: what happens when a top-level actor fails.</summary>
    public GuardianSupervision GuardianSupervision { get; init; } = GuardianSupervision.Restart;

    /// <summary><c>coordinated-shutdown.phase-timeout</c>: how long a coordinated-shutdown phase may take before the next one starts.</summary>
    public TimeSpan ShutdownPhaseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>log-dead-letters</c>: how many dead letters are logged at information level; later ones only at debug level.</summary>
    public int DeadLetterLogLimit { get; init; } = 10;

    /// <summary>Checks every value and names the offending HOCON key.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public ActorSystemSettings Validate()
    {
        const string prefix = "actorstreams.actors.";
        if (Throughput < 1)
        {
            throw new ArgumentException($"{prefix}throughput must be a positive integer, got {Throughput}");
        }

        if (DefaultMailboxCapacity < 1)
        {
            throw new ArgumentException($"{prefix}default-mailbox.capacity must be a positive integer, got {DefaultMailboxCapacity}");
        }

        if (!Enum.IsDefined(DefaultMailboxKind))
        {
            throw new ArgumentException($"{prefix}default-mailbox.kind must be unbounded or bounded, got {DefaultMailboxKind}");
        }

        if (AskTimeout <= TimeSpan.Zero && AskTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{prefix}ask-timeout must be a positive duration, got {AskTimeout}");
        }

        if (MaxNrOfRetries < -1)
        {
            throw new ArgumentException($"{prefix}supervision.max-nr-of-retries must be -1 (unlimited) or at least 0, got {MaxNrOfRetries}");
        }

        if (WithinTimeRange <= TimeSpan.Zero && WithinTimeRange != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{prefix}supervision.within-time-range must be a positive duration, got {WithinTimeRange}");
        }

        if (RestartMinBackoff < TimeSpan.Zero)
        {
            throw new ArgumentException($"{prefix}supervision.min-backoff must not be negative, got {RestartMinBackoff}");
        }

        if (RestartMaxBackoff < RestartMinBackoff)
        {
            throw new ArgumentException($"{prefix}supervision.max-backoff must be at least supervision.min-backoff, got {RestartMaxBackoff}");
        }

        if (RestartRandomFactor is < 0 or > 1 || double.IsNaN(RestartRandomFactor))
        {
            throw new ArgumentException($"{prefix}supervision.random-factor must be between 0 and 1, got {RestartRandomFactor}");
        }

        if (!Enum.IsDefined(GuardianSupervision))
        {
            throw new ArgumentException($"{prefix}guardian-supervision must be restart, stop or escalate, got {GuardianSupervision}");
        }

        if (ShutdownPhaseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{prefix}coordinated-shutdown.phase-timeout must be a positive duration, got {ShutdownPhaseTimeout}");
        }

        if (DeadLetterLogLimit < 0)
        {
            throw new ArgumentException($"{prefix}log-dead-letters must not be negative, got {DeadLetterLogLimit}");
        }

        return this;
    }
}
