using ActorStreams.Actors;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// A shard's record of one live entity: its actor and the state object the actor works on. The shard reads
/// <see cref="State"/> only while a checkpoint has drained all work, when no entity is running.
/// </summary>
/// <typeparam name="TId">The entity id type.</typeparam>
public sealed class EntityHandle<TId>
    where TId : notnull
{
    internal EntityHandle(TId id, bool mayBeStored)
    {
        Id = id;
        MayBeStored = mayBeStored;
    }

    /// <summary>The entity's id.</summary>
    public TId Id { get; }

    /// <summary>Whether the store may hold a state for this entity (false for entities never checkpointed).</summary>
    public bool MayBeStored { get; }

    /// <summary>The entity's actor.</summary>
    public IActorRef Ref { get; internal set; } = null!;

    /// <summary>The entity's state, set by the entity once created or restored.</summary>
    public object? State { get; internal set; }

    internal long LastUsed { get; set; }

    internal long DirtyInCheckpoint { get; set; } = -1;
}
