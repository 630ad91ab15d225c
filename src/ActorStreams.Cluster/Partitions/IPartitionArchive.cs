using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// An archive of one partition's records and outputs for one run of its pipeline (the lake sink, docs/lake.md). The
/// forward step tells it every piece of work in order; at each checkpoint barrier it gives the state the checkpoint
/// records and a task that completes once everything that state refers to is durable; the consumer writes the
/// checkpoint only then, and tells it once written. A new run opens it again from the last written state.
/// </summary>
public interface IPartitionArchive
{
    /// <summary>
    /// One piece of work the forward step handled: its input record (null for a tick or broadcast), the outputs it
    /// produced (dead letters included), and whether the entity found the record a duplicate. Called on the
    /// pipeline's thread, in order; must not block.
    /// </summary>
    void Add(ConsumedRecord? record, IReadOnlyList<ProducerRecord> outputs, bool duplicate);

    /// <summary>
    /// A checkpoint barrier passes the forward step: the archive's state for the checkpoint, and a task that completes
    /// once what the state refers to is durable (and fails when it cannot be made so). Called on the pipeline's thread.
    /// </summary>
    /// <param name="final">True for the last barrier of a handoff.</param>
    ArchiveBarrier Barrier(bool final);

    /// <summary>The checkpoint holding <paramref name="state"/> is written: the archive may act on it (e.g. publish files it covers).</summary>
    void Written(byte[] state);

    /// <summary>
    /// True when the archive needs a checkpoint although no record came since the last one (e.g. a lake file is due to
    /// close by age): an idle partition then still sends a barrier when its checkpoint interval is up. Called on the
    /// pipeline's thread; must not block.
    /// </summary>
    bool CheckpointWanted { get; }
}
