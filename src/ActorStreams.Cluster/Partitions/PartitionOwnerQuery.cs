namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// Asked of the node that wrote a ledger last, without releasing it, by a node about to claim that ledger: does it still
/// run the partition? Answered with <see cref="PartitionOwnerAnswer"/> (docs/design.md §3, Fencing).
/// </summary>
/// <param name="Kind">The sharded type.</param>
/// <param name="Partition">The partition.</param>
public sealed record PartitionOwnerQuery(string Kind, int Partition);
