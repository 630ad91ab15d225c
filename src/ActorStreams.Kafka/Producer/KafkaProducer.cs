using ActorStreams.Kafka.Producer.Internal;
using Akka;
using Akka.Streams.Dsl;

namespace ActorStreams.Kafka.Producer;

/// <summary>Akka.Streams stages that produce through the node's <see cref="KafkaSink"/> (or another <see cref="IRecordWriter"/>), named as in Akka.Streams.Kafka.</summary>
public static class KafkaProducer
{
    /// <summary>Envelopes in flight (produced, not yet acknowledged) per flow, by default.</summary>
    public const int DefaultParallelism = 10_000;

    /// <summary>
    /// Writes every record of each envelope and emits the envelope's pass-through value once all of them are
    /// acknowledged, in the order the envelopes came in (delivery acknowledgement, as Akka.Streams.Kafka's
    /// <c>FlexiFlow</c>). Never drops: a full writer backpressures the stream. A delivery that fails for good (after
    /// librdkafka's retries) fails the stream. The writer is the node's <see cref="KafkaSink"/>, or a second destination
    /// of the same outputs.
    /// </summary>
    public static Flow<ProducerEnvelope<TPassThrough>, TPassThrough, NotUsed> FlexiFlow<TPassThrough>(IRecordWriter writer, int parallelism = DefaultParallelism)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        return Flow.FromGraph(new FlexiFlowStage<TPassThrough>(writer, parallelism));
    }
}
