namespace ActorStreams.Actors;

/// <summary>An immutable recipe for creating an actor: its factory, mailbox and the strategy for its children.</summary>
public sealed class Props
{
    private readonly Func<Actor> _factory;

    private Props(Type actorType, Func<Actor> factory, MailboxKind? mailboxKind, int? mailboxCapacity, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        MailboxKind = mailboxKind;
        MailboxCapacity = mailboxCapacity;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The actor's class (the declared type for factory-based props).</summary>
    public Type ActorType { get; }

    /// <summary>The mailbox kind; null uses the system default.</summary>
    public MailboxKind? MailboxKind { get; }

    /// <summary>The bounded mailbox's capacity; null uses the system default.</summary>
    public int? MailboxCapacity { get; }

    /// <summary>The strategy for the actor's children unless the actor overrides <c>SupervisorStrategy()</c>; null uses the system default.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props for an actor with a public parameterless constructor.</summary>
    public static Props Create<T>()
        where T : Actor, new() => new(typeof(T), Factory<T>.New, null, null, null);

    /// <summary>Props using <paramref name="factory"/>; it is called for the first instance and for every restart.</summary>
    public static Props Create<T>(Func<T> factory)
        where T : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(typeof(T), factory, null, null, null);
    }

    /// <summary>A copy using a bounded mailbox of <paramref name="capacity"/> user messages.</summary>
    public Props WithBoundedMailbox(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new(ActorType, _factory, Actors.MailboxKind.Bounded, capacity, SupervisorStrategy);
    }

    /// <summary>A copy using an unbounded mailbox.</summary>
    public Props WithUnboundedMailbox() => new(ActorType, _factory, Actors.MailboxKind.Unbounded, null, SupervisorStrategy);

    /// <summary>A copy whose actor supervises its children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new(ActorType, _factory, MailboxKind, MailboxCapacity, strategy);
    }

    internal Actor NewActor() => _factory() ?? throw new InvalidOperationException($"the factory of {ActorType.Name} returned null");

    private static class Factory<T>
        where T : Actor, new()
    {
        public static readonly Func<Actor> New = static () => new T();
    }
}
