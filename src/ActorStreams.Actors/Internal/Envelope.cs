namespace ActorStreams.Actors.Internal;

/// <summary>A user message and its sender, stored by value in mailbox slots so a Tell allocates nothing.</summary>
internal readonly struct Envelope
{
    public readonly object Message;
    public readonly IActorRef? Sender;

    public Envelope(object message, IActorRef? sender)
    {
        Message = message;
        Sender = sender;
    }
}
