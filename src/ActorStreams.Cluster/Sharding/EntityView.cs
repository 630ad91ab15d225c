namespace ActorStreams.Cluster.Sharding;

/// <summary>An entity's current state as JSON, answered by its shard.</summary>
/// <param name="Kind">The entity kind.</param>
/// <param name="Id">The entity id.</param>
/// <param name="Partition">The partition (shard) it lives in.</param>
/// <param name="InMemory">Whether the entity was active (else its state was read from the store).</param>
/// <param name="StateJson">The state, a UTF-8 JSON object written by <see cref="EntityKind{TId, TState}.Describe"/>.</param>
public sealed record EntityView(string Kind, string Id, int Partition, bool InMemory, byte[] StateJson);
