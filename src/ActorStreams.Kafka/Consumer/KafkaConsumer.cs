using ActorStreams.Kafka.Consumer.Internal;
using Akka;
using Akka.Streams.Dsl;

namespace ActorStreams.Kafka.Consumer;

/// <summary>
/// Akka.Streams sources over the node's <see cref="KafkaConsumerHost"/>, named as in Akka.Streams.Kafka (whose package
/// is not available here): a "plain external" source reads partitions of a consumer shared with other sources.
/// </summary>
public static class KafkaConsumer
{
    /// <summary>Records buffered per source at which its partitions are paused (resumed at half), unless told otherwise.</summary>
    public const int DefaultBufferSize = 2_000;

    /// <summary>
    /// The records of <paramref name="partitions"/>, each from its start offset, in offset order per partition (records
    /// of different partitions interleave as they are fetched). The partitions are assigned to <paramref name="host"/>
    /// when the source starts and unassigned when it stops; once <paramref name="bufferSize"/> records wait for demand
    /// they are paused, and resumed when no more than <paramref name="resumeAt"/> wait (default: half). The source fails when the consumer stops or fails, or when a newer source takes
    /// one of its partitions.
    /// </summary>
    public static Source<ConsumedRecord, NotUsed> PlainExternalSource(KafkaConsumerHost host, IReadOnlyList<KafkaPartitionStart> partitions, int bufferSize = DefaultBufferSize, int? resumeAt = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        var resume = resumeAt ?? bufferSize / 2;
        ArgumentOutOfRangeException.ThrowIfNegative(resume, nameof(resumeAt));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(resume, bufferSize, nameof(resumeAt));
        if (partitions.Count == 0)
        {
            throw new ArgumentException("at least one partition is required", nameof(partitions));
        }

        return Akka.Streams.Dsl.Source.FromGraph(new PartitionSourceStage(host, [.. partitions], bufferSize, resume));
    }
}
