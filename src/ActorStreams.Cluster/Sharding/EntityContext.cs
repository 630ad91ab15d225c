using ActorStreams.Actors;
using ActorStreams.Cluster.Internal;

namespace ActorStreams.Cluster.Sharding;

/// <summary>What a shard gives each entity it starts.</summary>
/// <typeparam name="TId">The entity id type.</typeparam>
/// <typeparam name="TState">The entity state type.</typeparam>
public sealed class EntityContext<TId, TState>
    where TId : notnull
    where TState : class
{
    internal EntityContext(EntityHandle<TId> handle, EntityKind<TId, TState> kind, ShardServices services, IActorRef shard, EntityLoader? loader)
    {
        Handle = handle;
        Kind = kind;
        Services = services;
        Shard = shard;
        Loader = loader;
    }

    /// <summary>The shard's record of the entity.</summary>
    public EntityHandle<TId> Handle { get; }

    /// <summary>The entity kind.</summary>
    public EntityKind<TId, TState> Kind { get; }

    /// <summary>The node's shared services.</summary>
    public ShardServices Services { get; }

    /// <summary>The entity's shard.</summary>
    public IActorRef Shard { get; }

    internal EntityLoader? Loader { get; }
}
