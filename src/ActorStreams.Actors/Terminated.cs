namespace ActorStreams.Actors;

/// <summary>Delivered exactly once to a watcher when a watched actor has stopped.</summary>
/// <param name="ActorRef">The actor that stopped.</param>
public sealed record Terminated(IActorRef ActorRef);
