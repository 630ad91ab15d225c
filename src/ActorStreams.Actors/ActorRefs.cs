namespace ActorStreams.Actors;

/// <summary>Well-known reference values.</summary>
public static class ActorRefs
{
    /// <summary>The "no sender" value for <see cref="IActorRef.Tell"/>; replies to it go to dead letters.</summary>
    public static readonly IActorRef? NoSender;
}
