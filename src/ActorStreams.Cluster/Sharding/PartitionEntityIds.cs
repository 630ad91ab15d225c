using System.Globalization;
using ActorStreams.Kafka.Partitioning;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// The entity ids of a sharded type (docs/design.md §2). An entity's sharding id is its record id, which murmur2-hashes
/// to the partition its records come from, so the entity lives in its consumer's shard. Three forms start with <c>~</c>:
/// <list type="bullet">
/// <item><c>~partition-3</c>: partition 3's consumer, in shard 3;</item>
/// <item><c>~3:0042</c>: the entity <c>0042</c> as partition 3 sees it, when that id does not hash to 3 (a record keyed
/// by a producer that does not partition with murmur2, counted as <c>misrouted_records</c>): it still lives with its
/// consumer, and each partition keeps its own state for it;</item>
/// <item><c>~~x</c>: a record id that itself starts with <c>~</c> (escaped by doubling).</item>
/// </list>
/// </summary>
public static class PartitionEntityIds
{
    private const string ConsumerPrefix = "~partition-";

    /// <summary>The sharding entity id of partition <paramref name="partition"/>'s consumer.</summary>
    public static string Consumer(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        return ConsumerPrefix + partition.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="entityId"/> names a partition's consumer, and which partition.</summary>
    public static bool TryParseConsumer(string entityId, out int partition)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        partition = -1;
        return entityId.StartsWith(ConsumerPrefix, StringComparison.Ordinal)
            && int.TryParse(entityId.AsSpan(ConsumerPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out partition);
    }

    /// <summary>
    /// The sharding id of the entity <paramref name="id"/> whose records come from <paramref name="partition"/> of
    /// <paramref name="partitions"/>: the escaped id, or the partition-pinned form when the id hashes elsewhere.
    /// </summary>
    public static string ForRecord(string id, int partition, int partitions)
    {
        ArgumentNullException.ThrowIfNull(id);
        var escaped = id.StartsWith('~') ? "~" + id : id;
        return Murmur2Partitioner.Partition(id, partitions) == partition
            ? escaped
            : "~" + partition.ToString(CultureInfo.InvariantCulture) + ":" + id;
    }

    /// <summary>The partition of sharding id <paramref name="entityId"/> among <paramref name="partitions"/>.</summary>
    public static int PartitionOf(string entityId, int partitions)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        if (TryParseConsumer(entityId, out var consumer))
        {
            return consumer;
        }

        if (TryParsePinned(entityId, out var pinned, out _))
        {
            return pinned;
        }

        return Murmur2Partitioner.Partition(RecordId(entityId), partitions);
    }

    /// <summary>The record id of the entity with sharding id <paramref name="entityId"/> (not a consumer id).</summary>
    public static string RecordId(string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        if (entityId.StartsWith("~~", StringComparison.Ordinal))
        {
            return entityId[1..];
        }

        return TryParsePinned(entityId, out _, out var id) ? id : entityId;
    }

    private static bool TryParsePinned(string entityId, out int partition, out string id)
    {
        partition = -1;
        id = string.Empty;
        if (entityId.Length < 3 || entityId[0] != '~' || entityId[1] == '~')
        {
            return false;
        }

        var colon = entityId.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !int.TryParse(entityId.AsSpan(1, colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out partition))
        {
            return false;
        }

        id = entityId[(colon + 1)..];
        return true;
    }
}
