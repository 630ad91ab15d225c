using System.Buffers;
using ActorStreams.Actors;
using ActorStreams.Cluster.Internal;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Persistence;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// A shard: the actor owning one Kafka partition (of every co-partitioned input topic) for one entity kind on
/// this node (docs/design.md §2). It receives the partition's records in offset order, routes them to entity actors
/// created on first use (restored lazily from the store), checkpoints, and passivates idle entities.
/// </summary>
/// <remarks>
/// A checkpoint is a barrier: the shard stops dispatching records (holding the new ones), waits until every
/// unit of work is finished (entities handled it and its outputs are delivered), serializes the entities changed
/// since the last checkpoint straight from their state objects (no entity runs at that moment) together with
/// the next offset of every input topic, resumes, and writes the checkpoint to the store in one transaction.
/// Writes are sequential: the next barrier starts only after the previous write succeeded.
/// </remarks>
/// <typeparam name="TId">The entity id type.</typeparam>
/// <typeparam name="TState">The entity state type.</typeparam>
public abstract partial class EntityShard<TId, TState> : Actor
    where TId : notnull
    where TState : class
{
    private const int MaxWriteAttempts = 5;
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    private readonly EntityKind<TId, TState> _kind;
    private readonly ShardServices _services;
    private readonly ShardSnapshot? _snapshot;
    private readonly ILogger _logger;
    private readonly Dictionary<TId, EntityHandle<TId>> _entities = [];
    private readonly List<EntityHandle<TId>> _dirty = [];
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly Queue<KafkaRecord> _held = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly List<TaskCompletionSource> _finalWaiters = [];
    private ShardCounters _counters = null!;
    private EntityLoader _loader = null!;
    private bool _storeMayHaveEntities;
    private long _sequence;
    private long _period;
    private long _recordsSinceCheckpoint;
    private bool _changed;
    private bool _draining;
    private bool _writing;
    private bool _checkpointRequested;
    private int _writeAttempts;
    private long _drainStartedAt;
    private long _nowTicks;
    private DateTimeOffset? _lastCheckpointAt;
    private long _lastCheckpointStarted;
    private Exception? _fault;

    /// <summary>Creates the shard.</summary>
    /// <param name="kind">The entity kind it hosts.</param>
    /// <param name="key">Its kind and partition.</param>
    /// <param name="services">The node's shared services.</param>
    /// <param name="snapshot">What the store holds for it (read at assignment), or null for a new shard.</param>
    protected EntityShard(EntityKind<TId, TState> kind, ShardKey key, ShardServices services, ShardSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(services);
        _kind = kind;
        Key = key;
        _services = services;
        _snapshot = snapshot;
        _logger = services.LoggerFactory.CreateLogger(GetType());
    }

    /// <summary>The shard's kind and partition.</summary>
    public ShardKey Key { get; }

    /// <summary>The node's shared services.</summary>
    protected ShardServices Services => _services;

    /// <summary>The entities in memory.</summary>
    protected IReadOnlyCollection<EntityHandle<TId>> Entities => _entities.Values;

    /// <summary>Units of work of this shard not finished yet (handled and delivered).</summary>
    protected long InFlight => _counters.InFlight;

    /// <summary>The wall-clock time of the current tick (coarse: updated every second and at each checkpoint).</summary>
    protected DateTimeOffset Now => new(_nowTicks, TimeSpan.Zero);

    /// <summary>Decodes one record of the partition and routes it (<see cref="Route"/>) or dead-letters it (<see cref="DeadLetter"/>).</summary>
    protected abstract void OnRecord(KafkaRecord record);

    /// <summary>The props of a new entity actor.</summary>
    protected abstract Props EntityProps(EntityContext<TId, TState> context);

    /// <summary>Shard-level state to checkpoint with the entities (e.g. watermarks); null when there is none.</summary>
    protected virtual byte[]? SnapshotShardState() => null;

    /// <summary>Restores what <see cref="SnapshotShardState"/> wrote.</summary>
    protected virtual void RestoreShardState(ReadOnlySpan<byte> state)
    {
    }

    /// <summary>Called every second.</summary>
    protected virtual void OnTick()
    {
    }

    /// <summary>
    /// Whether an idle or least-recently-used entity may be passivated now; called only for entities with no work in
    /// flight, so reading their state is safe. E.g. a merchant with open windows stays in memory.
    /// </summary>
    protected virtual bool CanPassivate(EntityHandle<TId> handle) => true;

    /// <summary>Messages the base class does not know (replies from entities, queries).</summary>
    protected virtual void OnMessage(object message) => Unhandled(message);

    /// <summary>Attaches <paramref name="work"/> to this shard (it now counts as in flight) and returns it.</summary>
    protected TWork Attach<TWork>(TWork work, KafkaRecord? record)
        where TWork : ShardWork
    {
        ArgumentNullException.ThrowIfNull(work);
        work.Attach(_counters, record);
        return work;
    }

    /// <summary>Sends attached <paramref name="work"/> to the entity <paramref name="id"/>, starting it if needed.</summary>
    protected void Route(TId id, ShardWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_entities.TryGetValue(id, out var handle))
        {
            handle = StartEntity(id);
        }

        Touch(handle);
        handle.Ref.Tell(work, Self);
    }

    /// <summary>Finds the entity <paramref name="id"/> if it is in memory.</summary>
    protected bool TryGetEntity(TId id, out EntityHandle<TId> handle) => _entities.TryGetValue(id, out handle!);

    /// <summary>Marks an entity as changed (it will be checkpointed) and recently used.</summary>
    protected void Touch(EntityHandle<TId> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        handle.LastUsed = _nowTicks;
        if (handle.DirtyInCheckpoint != _period)
        {
            handle.DirtyInCheckpoint = _period;
            _dirty.Add(handle);
        }
    }

    /// <summary>Sends <paramref name="record"/> to the dead-letter topic with <paramref name="reason"/>; it completes once delivered.</summary>
    protected void DeadLetter(KafkaRecord record, string reason)
    {
        ArgumentNullException.ThrowIfNull(record);
        var work = Attach(new ShardOnlyWork(), record);
        DeadLetters.Produce(_services, record, reason, work);
        work.Release();
    }

    /// <summary>Produces an output of <paramref name="work"/> (keyed, murmur2-partitioned).</summary>
    protected void Produce(string topic, byte[]? key, byte[] value, ShardWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        work.AddPending();
        try
        {
            _services.Sink.Produce(topic, key, value, work);
        }
        catch
        {
            work.Release();
            throw;
        }
    }

    /// <summary>Produces an output of <paramref name="work"/> to an explicit partition (control records).</summary>
    protected void Produce(string topic, int partition, byte[] value, ShardWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        work.AddPending();
        try
        {
            _services.Sink.Produce(topic, partition, null, value, work);
        }
        catch
        {
            work.Release();
            throw;
        }
    }

    /// <summary>Work the shard does on its own behalf (control records, timers): attached, held, released by the caller.</summary>
    protected ShardWork NewShardWork() => Attach(new ShardOnlyWork(), null);

    /// <inheritdoc />
    protected override void PreStart()
    {
        _counters = new ShardCounters(Self);
        _loader = new EntityLoader(_services.Store, Key);
        _nowTicks = _services.Time.GetUtcNow().UtcTicks;
        if (_snapshot is { } snapshot)
        {
            foreach (var (topic, offset) in snapshot.Offsets)
            {
                _offsets[topic] = offset;
            }

            _sequence = snapshot.Sequence;
            _storeMayHaveEntities = true;
            if (snapshot.ShardState is { } state)
            {
                RestoreShardState(state);
            }
        }

        Timers.StartPeriodicTimer("checkpoint", ShardProtocol.CheckpointTick.Instance, _services.Settings.CheckpointInterval);
        Timers.StartPeriodicTimer("tick", ShardProtocol.Tick.Instance, TickInterval);
        LogStarted(_logger, Key.ToString(), _snapshot?.Sequence ?? 0, string.Join(", ", _offsets.Select(o => $"{o.Key}@{o.Value}")));
    }

    /// <summary>An entity that fails outside its record handling (e.g. its state cannot be loaded) stops, and the shard faults.</summary>
    protected sealed override SupervisorStrategy SupervisorStrategy()
    {
        var self = Self;
        return new OneForOneStrategy(error =>
        {
            self.Tell(new ShardProtocol.EntityFailed(error));
            return Directive.Stop;
        });
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _services.Metrics.AddActive(-_entities.Count);
        _entities.Clear();
        foreach (var waiter in _finalWaiters)
        {
            waiter.TrySetException(new ActorStreamsException($"shard {Key} stopped before its final checkpoint"));
        }
    }

    /// <inheritdoc />
    protected sealed override void Receive(object message)
    {
        switch (message)
        {
            case KafkaRecord record:
                if (_draining || _fault is not null)
                {
                    _held.Enqueue(record);
                }
                else
                {
                    Dispatch(record);
                }

                break;
            case ShardProtocol.Drained:
                if (_draining && _counters.InFlight == 0)
                {
                    TakeCheckpoint();
                }

                break;
            case ShardProtocol.CheckpointTick:
                if (_services.Pacer is not { } pacer || _services.Time.GetElapsedTime(_lastCheckpointStarted) >= pacer.Interval - (_services.Settings.CheckpointInterval / 2))
                {
                    RequestCheckpoint(force: false);
                }

                break;
            case ShardProtocol.Tick:
                _nowTicks = _services.Time.GetUtcNow().UtcTicks;
                if (_draining)
                {
                    WarnIfDrainIsSlow();
                }
                else if (!_writing)
                {
                    Passivate();
                }

                OnTick();
                break;
            case ShardProtocol.FinalCheckpoint final:
                if (_fault is { } fault)
                {
                    final.Done.TrySetException(fault);
                    break;
                }

                _finalWaiters.Add(final.Done);
                RequestCheckpoint(force: true);
                break;
            case ShardProtocol.CheckpointWritten written:
                OnWritten(written);
                break;
            case ShardProtocol.GetInfo info:
                info.Result.TrySetResult(new ShardInfo(
                    Key.Kind, Key.Partition, _entities.Count, _sequence, _lastCheckpointAt,
                    new Dictionary<string, long>(_offsets, StringComparer.Ordinal), _counters.InFlight));
                break;
            case ShardProtocol.GetEntity get:
                OnGetEntity(get);
                break;
            case ShardProtocol.EntityFailed failed:
                Fault(new ActorStreamsException($"shard {Key}: an entity failed: {failed.Error.Message}", failed.Error));
                break;
            case ShardProtocol.RetryWrite retry:
                Write(retry.Checkpoint);
                break;
            case ShardProtocol.DeliveryFailed failed:
                Fault(new ActorStreamsException($"shard {Key}: an output could not be delivered: {failed.Error}"));
                break;
            default:
                OnMessage(message);
                break;
        }
    }

    private void Dispatch(KafkaRecord record)
    {
        _offsets[record.Topic] = record.Offset + 1;
        _changed = true;
        OnRecord(record);
        if (++_recordsSinceCheckpoint >= _services.Settings.CheckpointMaxEvents)
        {
            RequestCheckpoint(force: false);
        }
    }

    private EntityHandle<TId> StartEntity(TId id)
    {
        var handle = new EntityHandle<TId>(id, _storeMayHaveEntities);
        var context = new EntityContext<TId, TState>(handle, _kind, _services, Self, handle.MayBeStored ? _loader : null);
        handle.Ref = Context.ActorOf(EntityProps(context));
        _entities.Add(id, handle);
        _services.Metrics.AddActive(1);
        return handle;
    }

    private void OnGetEntity(ShardProtocol.GetEntity get)
    {
        if (!_kind.TryParseId(get.Id, out var id))
        {
            get.Result.TrySetResult(null);
            return;
        }

        if (_entities.TryGetValue(id, out var handle))
        {
            // Through the entity's mailbox: the answer reflects every message it received before.
            var described = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            handle.Ref.Tell(new ShardProtocol.DescribeEntity(described));
            var (kindName, partition) = (Key.Kind, Key.Partition);
            described.Task.ContinueWith(
                t => get.Result.TrySetResult(t.IsCompletedSuccessfully ? new EntityView(kindName, get.Id, partition, true, t.Result) : null),
                TaskScheduler.Default);
            return;
        }

        // Not in memory: read its last checkpointed state without starting it.
        var kind = _kind;
        var key = Key;
        _loader.LoadAsync(get.Id).ContinueWith(
            t =>
            {
                if (!t.IsCompletedSuccessfully)
                {
                    get.Result.TrySetException(t.Exception?.InnerException ?? new ActorStreamsException($"cannot read {kind.Name} {get.Id}"));
                }
                else if (t.Result is { } snapshot)
                {
                    get.Result.TrySetResult(new EntityView(key.Kind, get.Id, key.Partition, false, ShardedEntity<TId, TState>.Describe(kind, kind.Restore(id, snapshot))));
                }
                else
                {
                    get.Result.TrySetResult(null);
                }
            },
            TaskScheduler.Default);
    }

    private void RequestCheckpoint(bool force)
    {
        if (_fault is not null)
        {
            return;
        }

        if (_draining || _writing)
        {
            _checkpointRequested = true;
            return;
        }

        if (!force && !_changed)
        {
            return;
        }

        _draining = true;
        _drainStartedAt = _services.Time.GetTimestamp();
        _lastCheckpointStarted = _drainStartedAt;
        if (_counters.BeginDrain())
        {
            TakeCheckpoint();
        }
    }

    private void TakeCheckpoint()
    {
        _counters.EndDrain();
        _draining = false;
        _nowTicks = _services.Time.GetUtcNow().UtcTicks;

        var states = new List<EntityState>(_dirty.Count);
        foreach (var handle in _dirty)
        {
            if (handle.State is TState state)
            {
                _buffer.ResetWrittenCount();
                _kind.Serialize(state, _buffer);
                states.Add(new EntityState(_kind.FormatId(handle.Id), _buffer.WrittenSpan.ToArray()));
            }
        }

        _dirty.Clear();
        _period++;
        _changed = false;
        _recordsSinceCheckpoint = 0;
        if (states.Count > 0)
        {
            _storeMayHaveEntities = true;
        }

        var checkpoint = new ShardCheckpoint(
            Key, _sequence + 1, new Dictionary<string, long>(_offsets, StringComparer.Ordinal), SnapshotShardState(), states, Now);
        var took = _services.Time.GetElapsedTime(_drainStartedAt);
        _services.Metrics.CheckpointWritten(states.Count, took);
        _writeAttempts = 0;
        Write(checkpoint);

        while (_held.Count > 0 && !_draining && _fault is null)
        {
            Dispatch(_held.Dequeue());
        }
    }

    private void Write(ShardCheckpoint checkpoint)
    {
        _writing = true;
        _writeAttempts++;
        var store = _services.Store;
        var pacer = _services.Pacer;
        pacer?.WriteStarted();
        Task.Run(async () =>
        {
            try
            {
                await store.WriteCheckpointAsync(checkpoint, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                pacer?.WriteFinished();
            }
        }).PipeTo(
            Self,
            new ShardProtocol.CheckpointWritten(checkpoint, null),
            error => new ShardProtocol.CheckpointWritten(checkpoint, error));
    }

    private void OnWritten(ShardProtocol.CheckpointWritten written)
    {
        if (written.Error is { } error)
        {
            _services.Metrics.CheckpointFailed();
            if (_writeAttempts < MaxWriteAttempts)
            {
                var delay = TimeSpan.FromMilliseconds(200 * (1 << _writeAttempts));
                LogWriteRetry(_logger, error, Key.ToString(), written.Checkpoint.Sequence, _writeAttempts, delay.TotalMilliseconds);
                Timers.StartSingleTimer("retry-write", new ShardProtocol.RetryWrite(written.Checkpoint), delay);
                return;
            }

            Fault(new ActorStreamsException($"shard {Key}: checkpoint {written.Checkpoint.Sequence} could not be written to {_services.Store.Description} after {_writeAttempts} attempts: {error.Message}", error));
            return;
        }

        _writing = false;
        _sequence = written.Checkpoint.Sequence;
        _lastCheckpointAt = written.Checkpoint.CreatedAt;
        if (_services.CommitOffsets is { } commit)
        {
            var offsets = written.Checkpoint.Offsets
                .Select(o => new Kafka.KafkaPartitionOffset(new Kafka.KafkaPartition(o.Key, Key.Partition), o.Value))
                .ToList();
            _ = commit(offsets);
        }

        if (_checkpointRequested)
        {
            _checkpointRequested = false;
            RequestCheckpoint(force: _finalWaiters.Count > 0);
            if (_draining || _writing)
            {
                return;
            }
        }

        foreach (var waiter in _finalWaiters)
        {
            waiter.TrySetResult();
        }

        _finalWaiters.Clear();
    }

    private void Passivate()
    {
        var idleTicks = _services.Settings.PassivationIdleTimeout.Ticks;
        var shards = Math.Max(1, _services.OwnedShardCount?.Invoke() ?? 1);
        var limit = Math.Max(1, _services.Settings.MaxActiveEntities / shards);
        List<EntityHandle<TId>>? idle = null;
        List<EntityHandle<TId>>? eligible = null;
        foreach (var handle in _entities.Values)
        {
            // Only entities untouched since the last (written) checkpoint: their stored state is current.
            if (handle.DirtyInCheckpoint >= _period || !CanPassivate(handle))
            {
                continue;
            }

            if (_nowTicks - handle.LastUsed >= idleTicks)
            {
                (idle ??= []).Add(handle);
            }
            else if (_entities.Count > limit)
            {
                (eligible ??= []).Add(handle);
            }
        }

        foreach (var handle in idle ?? [])
        {
            Stop(handle);
        }

        var excess = _entities.Count - limit;
        if (excess > 0 && eligible is { Count: > 0 })
        {
            eligible.Sort(static (a, b) => a.LastUsed.CompareTo(b.LastUsed));
            foreach (var handle in eligible.Take(excess))
            {
                Stop(handle);
            }
        }

        void Stop(EntityHandle<TId> handle)
        {
            Context.Stop(handle.Ref);
            _entities.Remove(handle.Id);
            _services.Metrics.AddActive(-1);
            _services.Metrics.EntityPassivated();
        }
    }

    private void WarnIfDrainIsSlow()
    {
        var waited = _services.Time.GetElapsedTime(_drainStartedAt);
        if (waited >= TimeSpan.FromSeconds(10) && waited.TotalSeconds % 10 < TickInterval.TotalSeconds)
        {
            LogSlowDrain(_logger, Key.ToString(), _counters.InFlight, waited.TotalSeconds);
        }
    }

    private void Fault(Exception fault)
    {
        if (_fault is not null)
        {
            return;
        }

        _fault = fault;
        LogFaulted(_logger, fault, Key.ToString());
        foreach (var waiter in _finalWaiters)
        {
            waiter.TrySetException(fault);
        }

        _finalWaiters.Clear();
        _services.OnShardFault?.Invoke(Key, fault);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "shard {Shard} started at checkpoint {Sequence}, offsets {Offsets}")]
    private static partial void LogStarted(ILogger logger, string shard, long sequence, string offsets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "shard {Shard}: writing checkpoint {Sequence} failed (attempt {Attempt}); retrying in {DelayMs} ms")]
    private static partial void LogWriteRetry(ILogger logger, Exception exception, string shard, long sequence, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "shard {Shard}: checkpoint waits for {InFlight} unfinished records since {Seconds:0} s (slow outputs or entities?)")]
    private static partial void LogSlowDrain(ILogger logger, string shard, long inFlight, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "shard {Shard} faulted and stops checkpointing")]
    private static partial void LogFaulted(ILogger logger, Exception exception, string shard);

    private sealed class ShardOnlyWork : ShardWork
    {
    }
}
