namespace ActorStreams.Actors.Internal;

/// <summary>The system's dead-letters reference: everything told to it is counted and published as <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLettersRef(ActorSystem system) : InternalActorRef
{
    public override ActorPath Path { get; } = system.RootPath.Child("deadLetters");

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is DeadLetter letter)
        {
            system.DeadLetter(letter.Message, letter.Sender, letter.Recipient, letter.Reason);
        }
        else
        {
            system.DeadLetter(message, sender, this, DeadLetterReason.RecipientTerminated);
        }
    }

    public override void SendSystemMessage(SystemMessage message) => HandleAsDead(message);
}
