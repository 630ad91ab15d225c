namespace ActorStreams.Cluster.Partitions;

/// <summary>An entity's result when handling a command threw: the record goes to the dead-letter topic with <paramref name="Reason"/>.</summary>
/// <param name="Reason">Why, for the dead letter.</param>
public sealed record HandlingFailed(string Reason);
