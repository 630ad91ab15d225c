using ActorStreams.Kafka;
using Akka.Actor;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// The end of a partition's pipeline: work arrives here once its outputs are delivered, in order. Its record's offset is
/// then complete, and a barrier is handed to the consumer to be written.
/// </summary>
internal sealed class PipelineProgress(PartitionStatus status, KafkaMetrics metrics, IActorRef consumer)
{
    public void OnDelivered(RouterWork work)
    {
        if (work.Record is { } record)
        {
            status.CompletedOffsets[record.Topic] = record.Offset + 1;
            status.InFlight--;
            metrics.AddInFlight(-1);
        }

        if (work is BarrierWork barrier)
        {
            consumer.Tell(new BarrierReached(barrier.CheckpointBarrier));
        }
    }
}
