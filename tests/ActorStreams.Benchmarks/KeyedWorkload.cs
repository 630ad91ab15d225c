using System.Globalization;
using ActorStreams.Cluster.Sharding;

namespace ActorStreams.Benchmarks;

/// <summary>One partition's share of a keyed workload: its entities' sharding ids, the entity of each command in order, and the payloads.</summary>
/// <param name="Partition">The partition (the entities' shard).</param>
/// <param name="EntityIds">Sharding ids of the partition's entities (<see cref="PartitionEntityIds.ForRecord"/>).</param>
/// <param name="Order">For each command, in sending order, the index of its entity in <see cref="EntityIds"/>.</param>
/// <param name="Payloads">Each command's payload, or null when every command carries the same one.</param>
internal sealed record PartitionWork(int Partition, string[] EntityIds, int[] Order, object[]? Payloads)
{
    /// <summary>Commands of the partition.</summary>
    public int Commands => Order.Length;
}

/// <summary>Workloads of keyed messages spread over partitions the way the product spreads records: murmur2 of the key.</summary>
internal static class KeyedWorkload
{
    /// <summary>
    /// Entities <c>0</c> to <paramref name="entities"/> - 1, each in the partition its id hashes to, and
    /// <paramref name="perEntity"/> rounds over each partition's entities.
    /// </summary>
    public static PartitionWork[] RoundRobin(int entities, int perEntity, int partitions)
    {
        var ids = Enumerable.Range(0, partitions).Select(_ => new List<string>()).ToArray();
        for (var i = 0; i < entities; i++)
        {
            var recordId = i.ToString(CultureInfo.InvariantCulture);
            var partition = PartitionEntityIds.PartitionOf(recordId, partitions);
            ids[partition].Add(PartitionEntityIds.ForRecord(recordId, partition, partitions));
        }

        var work = new PartitionWork[partitions];
        for (var p = 0; p < partitions; p++)
        {
            var count = ids[p].Count;
            var order = new int[count * perEntity];
            for (var round = 0; round < perEntity; round++)
            {
                for (var k = 0; k < count; k++)
                {
                    order[(round * count) + k] = k;
                }
            }

            work[p] = new PartitionWork(p, [.. ids[p]], order, null);
        }

        return work;
    }
}
