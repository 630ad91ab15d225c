using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ActorStreams.Kafka;

/// <summary>
/// Counters and gauges of the Kafka layer, shared by a node's source and sinks. Plain
/// <see cref="Interlocked"/> longs: cheap on the hot path; the node's metrics endpoint reads them.
/// </summary>
public sealed class KafkaMetrics
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _eventsIn = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _producedByTopic = new(StringComparer.Ordinal);
    private long _deadLettered;
    private long _misrouted;
    private long _lostToRetention;
    private long _pausedPartitions;
    private long _inFlight;
    private long _produced;
    private long _produceFailures;
    private long _producerQueueFullWaits;

    /// <summary>Records of <paramref name="topic"/> taken in for processing.</summary>
    public long EventsIn(string topic) => _eventsIn.TryGetValue(topic, out var box) ? Volatile.Read(ref box.Value) : 0;

    /// <summary>Records consumed, per topic.</summary>
    public IReadOnlyDictionary<string, long> EventsInByTopic =>
        _eventsIn.ToDictionary(kv => kv.Key, kv => Volatile.Read(ref kv.Value.Value), StringComparer.Ordinal);

    /// <summary>Records sent to the dead-letter topic.</summary>
    public long DeadLettered => Volatile.Read(ref _deadLettered);

    /// <summary><c>misrouted_records</c>: records whose key does not murmur2-hash to the partition they came from.</summary>
    public long MisroutedRecords => Volatile.Read(ref _misrouted);

    /// <summary>Records skipped because the broker dropped them (retention) before they were read.</summary>
    public long RecordsLostToRetention => Volatile.Read(ref _lostToRetention);

    /// <summary>Partitions currently paused because as many of their records as the limit wait for the pipeline.</summary>
    public long PausedPartitions => Volatile.Read(ref _pausedPartitions);

    /// <summary>Records handed to handlers and not yet completed.</summary>
    public long InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Records the sinks delivered (acknowledged by the brokers).</summary>
    public long Produced => Volatile.Read(ref _produced);

    /// <summary>Records the sinks delivered, per topic (they sum to <see cref="Produced"/>).</summary>
    public IReadOnlyDictionary<string, long> ProducedByTopic =>
        _producedByTopic.ToDictionary(kv => kv.Key, kv => Volatile.Read(ref kv.Value.Value), StringComparer.Ordinal);

    /// <summary>Records the sinks failed to deliver (each one faults its sink).</summary>
    public long ProduceFailures => Volatile.Read(ref _produceFailures);

    /// <summary>Times a sink waited because librdkafka's queue was full.</summary>
    public long ProducerQueueFullWaits => Volatile.Read(ref _producerQueueFullWaits);

    internal StrongBox<long> EventsInCounter(string topic) => _eventsIn.GetOrAdd(topic, static _ => new StrongBox<long>());

    internal void AddDeadLettered() => Interlocked.Increment(ref _deadLettered);

    internal void AddMisrouted() => Interlocked.Increment(ref _misrouted);

    internal void AddLostToRetention(long count) => Interlocked.Add(ref _lostToRetention, count);

    internal void AddPausedPartitions(long delta) => Interlocked.Add(ref _pausedPartitions, delta);

    /// <summary>Counts records taken into (positive) or finished by (negative) the pipelines.</summary>
    public void AddInFlight(long delta) => Interlocked.Add(ref _inFlight, delta);

    /// <summary>Counts a record of <paramref name="topic"/> taken in for processing.</summary>
    public void AddEventsIn(string topic) => Interlocked.Increment(ref EventsInCounter(topic).Value);

    /// <summary>Counts a record delivered to <paramref name="topic"/>: a lookup of its counter (no lock, no allocation after the topic's first record) and two increments.</summary>
    internal void AddProduced(string topic)
    {
        Interlocked.Increment(ref _produced);
        Interlocked.Increment(ref _producedByTopic.GetOrAdd(topic, static _ => new StrongBox<long>()).Value);
    }

    internal void AddProduceFailure() => Interlocked.Increment(ref _produceFailures);

    internal void AddProducerQueueFullWait() => Interlocked.Increment(ref _producerQueueFullWaits);
}
