using ActorStreams.Kafka.Producer;
using Akka;
using Akka.Streams.Dsl;

namespace ActorStreams.Elasticsearch;

/// <summary>
/// What the partitions' pipelines use: the node's <see cref="ElasticsearchIndexer"/> and which Kafka topics go to which
/// index. Its flow follows the Kafka producer stage and is fed the same records.
/// </summary>
public sealed class ElasticsearchSink : IOutputSink
{
    /// <summary>Creates the sink of <paramref name="indexer"/> for the outputs <paramref name="routes"/> (physical Kafka topic → index and id field).</summary>
    public ElasticsearchSink(ElasticsearchIndexer indexer, IReadOnlyDictionary<string, OutputIndex> routes)
    {
        ArgumentNullException.ThrowIfNull(indexer);
        ArgumentNullException.ThrowIfNull(routes);
        Indexer = indexer;
        Routes = routes;
    }

    /// <summary>The node's indexer.</summary>
    public ElasticsearchIndexer Indexer { get; }

    /// <summary>Physical Kafka topic → index and id field.</summary>
    public IReadOnlyDictionary<string, OutputIndex> Routes { get; }

    /// <summary>
    /// Indexes the records of each envelope whose topic is routed and emits the envelope's pass-through value once all
    /// of them are done (indexed or dead-lettered), in the order the envelopes came in; at most
    /// <paramref name="parallelism"/> envelopes in flight, and a full buffer backpressures.
    /// </summary>
    public Flow<ProducerEnvelope<T>, T, NotUsed> Flow<T>(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        return Akka.Streams.Dsl.Flow.FromGraph(new IndexFlowStage<T>(this, parallelism));
    }
}
