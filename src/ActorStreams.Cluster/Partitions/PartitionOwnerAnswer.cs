namespace ActorStreams.Cluster.Partitions;

/// <summary>The answer to <see cref="PartitionOwnerQuery"/>.</summary>
/// <param name="Kind">The sharded type.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Runs">True when a consumer of the partition lives on the answering node.</param>
public sealed record PartitionOwnerAnswer(string Kind, int Partition, bool Runs);
