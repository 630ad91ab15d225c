namespace ActorStreams.Actors;

/// <summary>Why a message could not be delivered.</summary>
public enum DeadLetterReason
{
    /// <summary>The recipient had stopped, or the message was sent to the dead-letters reference.</summary>
    RecipientTerminated,

    /// <summary>The recipient's bounded mailbox was full.</summary>
    MailboxFull,
}
