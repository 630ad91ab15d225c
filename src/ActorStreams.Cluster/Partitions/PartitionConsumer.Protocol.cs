using ActorStreams.Cluster.Sharding;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// Inspection: the state of entity <paramref name="TargetId"/> (its sharding id), asked of the consumer of its partition
/// (<paramref name="EntityId"/>, a consumer id) through the shard region, so that whichever node owns the partition answers
/// with <see cref="EntityFound"/> or <see cref="EntityNotFound"/>.
/// </summary>
public sealed record GetEntity(string EntityId, string TargetId) : IEntityMessage;

/// <summary>An entity's state as its kind describes it (JSON), from memory or from its last checkpoint.</summary>
/// <param name="Kind">The entity kind.</param>
/// <param name="Id">The entity's id (its record id).</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Owner">The node that answered (the partition's owner).</param>
/// <param name="InMemory">True when the state is the live entity's, false when it is the last checkpointed one.</param>
/// <param name="StateJson">The state as JSON.</param>
public sealed record EntityFound(string Kind, string Id, int Partition, string Owner, bool InMemory, string StateJson);

/// <summary>The entity was never seen (not in memory, nothing checkpointed).</summary>
/// <param name="Kind">The entity kind.</param>
/// <param name="Id">The entity's id.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Owner">The node that answered.</param>
public sealed record EntityNotFound(string Kind, string Id, int Partition, string Owner);
