namespace ActorStreams.Cluster.Partitions;

/// <summary>Opens a partition's archive for a run of its pipeline (the node's lake sink; none when the lake is off).</summary>
public interface IPartitionArchives
{
    /// <summary>
    /// Opens the archive of <paramref name="kind"/>'s <paramref name="partition"/> from the state the last written
    /// checkpoint recorded (null for a partition that never had one): whatever that state left unfinished is finished
    /// before the task completes.
    /// </summary>
    Task<IPartitionArchive> OpenAsync(string kind, int partition, byte[]? state, CancellationToken cancellationToken);
}
