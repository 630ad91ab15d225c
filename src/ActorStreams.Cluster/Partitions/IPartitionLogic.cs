using Akka.Actor;

namespace ActorStreams.Cluster.Partitions;

/// <summary>An entity kind as sharding and the partition consumers see it (customer, merchant).</summary>
public interface IPartitionLogic
{
    /// <summary>The kind's name: the sharded type's name and the ledgers' prefix (<c>customer</c> → <c>customer-partition-3</c>).</summary>
    string Kind { get; }

    /// <summary>The input topics whose partition p feeds shard p of this kind.</summary>
    IReadOnlyList<string> InputTopics { get; }

    /// <summary>The props of the entity with sharding id <paramref name="entityId"/>.</summary>
    Props EntityProps(string entityId);

    /// <summary>The kind-specific steps of one pipeline run.</summary>
    PartitionFlow CreateFlow(PartitionContext context);

    /// <summary>The JSON description of a checkpointed state (inspection of an entity not in memory).</summary>
    byte[] Describe(string entityId, byte[] state);
}
