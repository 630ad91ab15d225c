namespace ActorStreams.Persistence;

/// <summary>The serialized state of one entity.</summary>
/// <param name="EntityId">The entity's id (its Kafka key).</param>
/// <param name="State">The versioned snapshot bytes.</param>
public sealed record EntityState(string EntityId, byte[] State);
