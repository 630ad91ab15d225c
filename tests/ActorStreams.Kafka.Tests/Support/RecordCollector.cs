using System.Collections.Concurrent;
using ActorStreams.Kafka.Consumer;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorStreams.Kafka.Tests.Support;

/// <summary>
/// Runs <see cref="KafkaConsumer.PlainExternalSource"/> into a sink that keeps every record it receives, after an
/// optional processing step (one record at a time, in order). Disposing it stops the stream, which unassigns the
/// partitions.
/// </summary>
internal sealed class RecordCollector : IDisposable
{
    private readonly ConcurrentQueue<ConsumedRecord> _records = new();
    private UniqueKillSwitch? _killSwitch;

    private RecordCollector()
    {
    }

    /// <summary>Every record received so far, in the order the sink received them.</summary>
    public IReadOnlyList<ConsumedRecord> Records => [.. _records];

    /// <summary>Records received so far.</summary>
    public int Count => _records.Count;

    /// <summary>Completes when the stream stops; faulted when the source failed.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts reading <paramref name="partitions"/> of <paramref name="host"/>, each record going through <paramref name="process"/> first.</summary>
    public static RecordCollector Run(
        KafkaConsumerHost host, IReadOnlyList<KafkaPartitionStart> partitions, IMaterializer materializer, Func<ConsumedRecord, Task>? process = null)
    {
        var collector = new RecordCollector();
        var source = KafkaConsumer.PlainExternalSource(host, partitions);
        if (process is not null)
        {
            source = source.SelectAsync(1, async record =>
            {
                await process(record);
                return record;
            });
        }

        var (killSwitch, completion) = source
            .ViaMaterialized(KillSwitches.Single<ConsumedRecord>(), Keep.Right)
            .ToMaterialized(Sink.ForEach<ConsumedRecord>(collector._records.Enqueue), Keep.Both)
            .Run(materializer);
        collector._killSwitch = killSwitch;
        collector.Completion = completion;
        return collector;
    }

    /// <summary>Partitions 0 to <paramref name="partitions"/> − 1 of <paramref name="topic"/>, each from its beginning.</summary>
    public static IReadOnlyList<KafkaPartitionStart> FromBeginning(string topic, int partitions) =>
        [.. Enumerable.Range(0, partitions).Select(p => new KafkaPartitionStart(new KafkaPartition(topic, p), null))];

    public void Dispose() => _killSwitch?.Shutdown();
}
