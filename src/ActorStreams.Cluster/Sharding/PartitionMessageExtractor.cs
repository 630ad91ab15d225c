using System.Globalization;
using Akka.Cluster.Sharding;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// Shard id = the Kafka partition of the entity id under the Java-compatible murmur2 partitioner, computed from the id
/// alone (docs/design.md §2); a consumer id maps to its own partition. Shard ids are the partition numbers as text.
/// </summary>
public sealed class PartitionMessageExtractor : IMessageExtractor
{
    private readonly string[] _shardIds;

    /// <summary>Creates the extractor of a type whose input topics have <paramref name="partitions"/> partitions.</summary>
    public PartitionMessageExtractor(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Partitions = partitions;
        _shardIds = [.. Enumerable.Range(0, partitions).Select(p => p.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>The partition count: shards are 0 to <c>Partitions - 1</c>.</summary>
    public int Partitions { get; }

    /// <summary>The partition (and shard number) of sharding entity id <paramref name="entityId"/>.</summary>
    public int PartitionOf(string entityId)
    {
        var partition = PartitionEntityIds.PartitionOf(entityId, Partitions);
        return partition < Partitions
            ? partition
            : throw new ArgumentOutOfRangeException(nameof(entityId), entityId, $"partition {partition} does not exist: the topics have {Partitions} partitions");
    }

    /// <inheritdoc />
    public string? EntityId(object message) => (message as IEntityMessage)?.EntityId;

    /// <inheritdoc />
    public object? EntityMessage(object message) => message;

    /// <inheritdoc />
    [Obsolete("Use ShardId(string, object) instead.")]
    public string? ShardId(object message) => EntityId(message) is { } id ? ShardId(id, message) : null;

    /// <inheritdoc />
    public string ShardId(string entityId, object? messageHint = null) => _shardIds[PartitionOf(entityId)];
}
