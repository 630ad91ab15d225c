namespace ActorStreams.Cluster.Partitions;

/// <summary>What an archive gives a checkpoint barrier (<see cref="IPartitionArchive.Barrier"/>).</summary>
/// <param name="State">The archive's state, stored with the checkpoint and given back to the next run.</param>
/// <param name="Durable">Completes once what <paramref name="State"/> refers to is durable; the checkpoint waits for it.</param>
public sealed record ArchiveBarrier(byte[] State, Task Durable);
