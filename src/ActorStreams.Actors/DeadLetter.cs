namespace ActorStreams.Actors;

/// <summary>Published on the <see cref="EventStream"/> for every message that could not be delivered.</summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The intended recipient.</param>
/// <param name="Reason">Why it was not delivered.</param>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient, DeadLetterReason Reason);
