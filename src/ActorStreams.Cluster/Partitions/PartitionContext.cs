namespace ActorStreams.Cluster.Partitions;

/// <summary>One run of a partition's pipeline: which partition, the node's services, and the stream state it resumes from.</summary>
/// <param name="Kind">The entity kind.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Services">The node's services.</param>
/// <param name="DispatchState">The dispatch step's checkpointed state, or null for a new partition.</param>
/// <param name="ForwardState">The forward step's checkpointed state, or null for a new partition.</param>
/// <param name="Archive">The run's archive (the lake sink), or null when there is none.</param>
public sealed record PartitionContext(string Kind, int Partition, PartitionServices Services, byte[]? DispatchState, byte[]? ForwardState, IPartitionArchive? Archive = null);
