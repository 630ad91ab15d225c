namespace ActorStreams.Actors;

/// <summary>Published on the <see cref="EventStream"/> when an actor passes a message to <c>Unhandled</c>.</summary>
/// <param name="Message">The message nobody handled.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The actor that did not handle it.</param>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
