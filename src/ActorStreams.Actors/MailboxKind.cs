namespace ActorStreams.Actors;

/// <summary>The kind of queue an actor's mailbox uses.</summary>
public enum MailboxKind
{
    /// <summary>Grows as needed; <c>Tell</c> always enqueues.</summary>
    Unbounded,

    /// <summary>Holds at most a capacity of user messages; overflow goes to dead letters and <c>Tell</c> never blocks.</summary>
    Bounded,
}
