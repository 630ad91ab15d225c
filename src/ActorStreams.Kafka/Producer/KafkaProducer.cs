using ActorStreams.Kafka.Producer.Internal;
using Akka;
using Akka.Streams.Dsl;

namespace ActorStreams.Kafka.Producer;

/// <summary>Akka.Streams stages that produce to Kafka through the node's <see cref="KafkaSink"/>, named as in Akka.Streams.Kafka.</summary>
public static class KafkaProducer
{
    /// <summary>Envelopes in flight (produced, not yet acknowledged) per flow, by default.</summary>
    public const int DefaultParallelism = 10_000;

    /// <summary>
    /// Produces every record of each envelope and emits the envelope's pass-through value once all of them are
    /// acknowledged, in the order the envelopes came in (delivery acknowledgement, as Akka.Streams.Kafka's
    /// <c>FlexiFlow</c>). Never drops: a full producer buffer backpressures the stream. A delivery that fails for good
    /// (after librdkafka's retries) fails the stream.
    /// </summary>
    public static Flow<ProducerEnvelope<TPassThrough>, TPassThrough, NotUsed> FlexiFlow<TPassThrough>(KafkaSink sink, int parallelism = DefaultParallelism)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        return Flow.FromGraph(new FlexiFlowStage<TPassThrough>(sink, parallelism));
    }
}
