namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>A barrier reached the end of the pipeline: everything before it is handled and delivered.</summary>
internal sealed record BarrierReached(CheckpointBarrier CheckpointBarrier);

/// <summary>The pipeline stopped: completed after a final barrier, or failed.</summary>
internal sealed record PipelineEnded(Exception? Error);

/// <summary>The final checkpoint of a handoff took too long.</summary>
internal sealed class FinalCheckpointTimeout
{
    public static readonly FinalCheckpointTimeout Instance = new();
}

/// <summary>The ledger's last writer answered whether it still runs the partition (null: no answer in time); <paramref name="Lost"/> tells that a write lost here before.</summary>
internal sealed record OwnerAnswered(string Owner, bool? Runs, bool Lost);

/// <summary>The partition's archive is open: what the last checkpoint left unfinished is finished; the pipeline may run.</summary>
internal sealed record ArchiveOpened(IPartitionArchive Archive);

/// <summary>The archive could not be opened, or could not make a barrier's state durable.</summary>
internal sealed record ArchiveFailed(Exception Error);

/// <summary>What the barrier's archive state refers to is durable: the checkpoint can be written.</summary>
internal sealed record ArchiveDurable(CheckpointBarrier Barrier);
