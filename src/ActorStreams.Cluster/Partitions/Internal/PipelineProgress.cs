using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka;
using Akka.Actor;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// The end of a partition's pipeline: work arrives here once its outputs are delivered, in order. Its record's offset is
/// then complete, and a barrier is handed to the consumer to be written. Each completed record's processing latency
/// (from its Kafka timestamp to now) goes to <see cref="ShardMetrics.ProcessingLatencyObserver"/>.
/// </summary>
internal sealed class PipelineProgress(PartitionStatus status, KafkaMetrics metrics, ShardMetrics shards, TimeProvider time, IActorRef consumer)
{
    public void OnDelivered(RouterWork work)
    {
        if (work.Record is { } record)
        {
            status.CompletedOffsets[record.Topic] = record.Offset + 1;
            status.InFlight--;
            metrics.AddInFlight(-1);

            // A record without a timestamp (0 or -1: none set) has no latency to report.
            if (shards.ProcessingLatencyObserver is { } observer && record.TimestampMs > 0)
            {
                var sinceRecord = time.GetUtcNow().UtcTicks - (DateTimeOffset.UnixEpoch.UtcTicks + (record.TimestampMs * TimeSpan.TicksPerMillisecond));

                // A timestamp ahead of this node's clock (clock skew) counts as no latency at all.
                observer(record.Topic, TimeSpan.FromTicks(Math.Max(0, sinceRecord)));
            }
        }

        if (work is BarrierWork barrier)
        {
            consumer.Tell(new BarrierReached(barrier.CheckpointBarrier));
        }
    }
}
