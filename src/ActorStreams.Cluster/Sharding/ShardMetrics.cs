using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ActorStreams.Cluster.Partitions;

namespace ActorStreams.Cluster.Sharding;

/// <summary>Node-wide entity and checkpoint counters (thread-safe; read by the metrics reporter and the admin API).</summary>
public sealed class ShardMetrics
{
    private long _entitiesCreated;
    private long _entitiesRestored;
    private long _entitiesPassivated;
    private long _activeEntities;
    private long _checkpoints;
    private long _checkpointedEntities;
    private long _checkpointFailures;
    private long _checkpointTicks;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _deadLetteredByTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Topic, DeadLetterCause Cause), StrongBox<long>> _deadLetteredByCause = new();

    // Per entity kind: [started, stopped with a final checkpoint, stopped without one].
    private readonly ConcurrentDictionary<string, long[]> _partitionMoves = new(StringComparer.Ordinal);
    private long _deadLettered;
    private long _processingFailures;
    private long _remoteDeliveries;
    private long _storeOutages;
    private long _ledgersLost;
    private int _storeUnavailable;

    /// <summary>Entities created for the first time (nothing in the store).</summary>
    public long EntitiesCreated => Interlocked.Read(ref _entitiesCreated);

    /// <summary>Entities restored from the store.</summary>
    public long EntitiesRestored => Interlocked.Read(ref _entitiesRestored);

    /// <summary>Entities passivated (checkpointed and stopped).</summary>
    public long EntitiesPassivated => Interlocked.Read(ref _entitiesPassivated);

    /// <summary>Entities in memory now.</summary>
    public long ActiveEntities => Interlocked.Read(ref _activeEntities);

    /// <summary>Checkpoints written.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Entity states written by checkpoints.</summary>
    public long CheckpointedEntities => Interlocked.Read(ref _checkpointedEntities);

    /// <summary>Checkpoints that failed.</summary>
    public long CheckpointFailures => Interlocked.Read(ref _checkpointFailures);

    /// <summary>Times the store became unavailable: a ledger could not write or recover, and the partitions paused until it answered.</summary>
    public long StoreOutages => Interlocked.Read(ref _storeOutages);

    /// <summary>Checkpoints not written because another writer had written the ledger since (docs/design.md §3, Fencing).</summary>
    public long LedgersLost => Interlocked.Read(ref _ledgersLost);

    /// <summary>Whether the partitions are paused now because the store does not answer.</summary>
    public bool IsStoreUnavailable => Volatile.Read(ref _storeUnavailable) != 0;

    /// <summary>Total time spent taking checkpoints (drain + snapshot), in ticks of <see cref="TimeSpan"/>.</summary>
    public long CheckpointTicks => Interlocked.Read(ref _checkpointTicks);

    /// <summary>Records sent to the dead-letter topic by shards (undecodable, invalid, or failed processing).</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Records sent to dead-letter, by the topic they were read from.</summary>
    public IReadOnlyDictionary<string, long> DeadLetteredByTopic =>
        _deadLetteredByTopic.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Value), StringComparer.Ordinal);

    /// <summary>Records sent to dead-letter, by the topic they were read from and the class of their reason.</summary>
    public IReadOnlyDictionary<(string Topic, DeadLetterCause Cause), long> DeadLetteredByCause =>
        _deadLetteredByCause.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Value));

    /// <summary>Partition consumers started on this node (recovered and reading), per entity kind.</summary>
    public IReadOnlyDictionary<string, long> PartitionsStarted =>
        _partitionMoves.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value[0]), StringComparer.Ordinal);

    /// <summary>
    /// Partition consumers of this node that stopped, per entity kind and whether they wrote a final checkpoint first (a
    /// handoff) or not (a failed pipeline, a handoff past its timeout); both are there, from 0, for every kind started.
    /// </summary>
    public IReadOnlyDictionary<(string Kind, bool FinalCheckpoint), long> PartitionsStopped =>
        _partitionMoves
            .SelectMany(e => new[]
            {
                KeyValuePair.Create((e.Key, true), Interlocked.Read(ref e.Value[1])),
                KeyValuePair.Create((e.Key, false), Interlocked.Read(ref e.Value[2])),
            })
            .ToDictionary();

    /// <summary>Commands an entity received from a consumer on another node (0 in steady state, docs/design.md §2).</summary>
    public long RemoteDeliveries => Interlocked.Read(ref _remoteDeliveries);

    /// <summary>Records whose processing threw (also dead-lettered).</summary>
    public long ProcessingFailures => Interlocked.Read(ref _processingFailures);

    internal void EntityCreated() => Interlocked.Increment(ref _entitiesCreated);

    internal void EntityRestored() => Interlocked.Increment(ref _entitiesRestored);

    internal void EntityPassivated() => Interlocked.Increment(ref _entitiesPassivated);

    internal void AddActive(long delta) => Interlocked.Add(ref _activeEntities, delta);

    /// <summary>
    /// Told of every checkpoint written (entities in it, time from the start of the write to its confirmation), e.g. to
    /// record a histogram; null for none. Called on the writing partition's thread: keep it cheap.
    /// </summary>
    public Action<int, TimeSpan>? CheckpointObserver { get; set; }

    internal void CheckpointWritten(int entities, TimeSpan took)
    {
        Interlocked.Increment(ref _checkpoints);
        Interlocked.Add(ref _checkpointedEntities, entities);
        Interlocked.Add(ref _checkpointTicks, took.Ticks);
        CheckpointObserver?.Invoke(entities, took);
    }

    /// <summary>
    /// Told, for every input record whose work reached the end of its pipeline (its outputs acknowledged), its topic and
    /// how long after the record's Kafka timestamp that was, e.g. to record a histogram; null for none. Called on the
    /// pipeline's thread once per record: keep it cheap.
    /// </summary>
    public Action<string, TimeSpan>? ProcessingLatencyObserver { get; set; }

    internal void CheckpointFailed() => Interlocked.Increment(ref _checkpointFailures);

    internal void LedgerLost() => Interlocked.Increment(ref _ledgersLost);

    internal void StoreBecameUnavailable()
    {
        Interlocked.Increment(ref _storeOutages);
        Volatile.Write(ref _storeUnavailable, 1);
    }

    internal void StoreBecameAvailable() => Volatile.Write(ref _storeUnavailable, 0);

    /// <summary>Counts a record of <paramref name="sourceTopic"/> sent to the dead-letter topic because of <paramref name="cause"/> (also outside a shard, e.g. an invalid offer).</summary>
    public void DeadLetter(string sourceTopic, DeadLetterCause cause)
    {
        ArgumentNullException.ThrowIfNull(sourceTopic);
        Interlocked.Increment(ref _deadLettered);
        Interlocked.Increment(ref _deadLetteredByTopic.GetOrAdd(sourceTopic, static _ => new StrongBox<long>()).Value);
        Interlocked.Increment(ref _deadLetteredByCause.GetOrAdd((sourceTopic, cause), static _ => new StrongBox<long>()).Value);
    }

    internal void PartitionStarted(string kind) => Interlocked.Increment(ref PartitionMoves(kind)[0]);

    internal void PartitionStopped(string kind, bool finalCheckpoint) => Interlocked.Increment(ref PartitionMoves(kind)[finalCheckpoint ? 1 : 2]);

    internal void ProcessingFailed() => Interlocked.Increment(ref _processingFailures);

    internal void RemoteDelivery() => Interlocked.Increment(ref _remoteDeliveries);

    private long[] PartitionMoves(string kind) => _partitionMoves.GetOrAdd(kind, static _ => new long[3]);
}
