using Akka;
using Akka.Streams.Dsl;

namespace ActorStreams.Kafka.Producer;

/// <summary>
/// A second destination of the outputs (Elasticsearch): a stage that follows the Kafka producer stage, gets the same
/// records, and lets each envelope's pass-through value go once its records are written there, in order.
/// </summary>
public interface IOutputSink
{
    /// <summary>The stage of one pipeline, with at most <paramref name="parallelism"/> envelopes in flight.</summary>
    Flow<ProducerEnvelope<T>, T, NotUsed> Flow<T>(int parallelism);
}
