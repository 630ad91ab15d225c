using System.Buffers;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// How one kind of entity (customer, merchant) names, creates, serializes and restores its state. Shared by the
/// shard (which serializes states at checkpoints) and the entities (which create or restore them).
/// </summary>
/// <typeparam name="TId">The entity id type.</typeparam>
/// <typeparam name="TState">The entity state type.</typeparam>
public abstract class EntityKind<TId, TState>
    where TId : notnull
    where TState : class
{
    /// <summary>The kind's name, used in store keys and actor names: <c>customer</c>, <c>merchant</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The id as stored (the Kafka key's string form).</summary>
    public abstract string FormatId(TId id);

    /// <summary>The state of an entity seen for the first time.</summary>
    public abstract TState Create(TId id);

    /// <summary>Restores a state written by <see cref="Serialize"/> (of this or an older version).</summary>
    public abstract TState Restore(TId id, ReadOnlySpan<byte> snapshot);

    /// <summary>Writes a versioned snapshot of <paramref name="state"/>.</summary>
    public abstract void Serialize(TState state, IBufferWriter<byte> output);
}
