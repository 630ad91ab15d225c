using System.Collections.Concurrent;
using ActorStreams.Actors;
using ActorStreams.Cluster.Internal;
using ActorStreams.Cluster.Membership;
using ActorStreams.Kafka;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Persistence;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// The node's shards, following the consumer group's assignment (docs/design.md §2): a shard per owned partition and
/// entity kind, created when the partition is assigned (at the checkpointed offsets), given a final checkpoint
/// and stopped when it is revoked, dropped without a checkpoint when it is lost. Plug it into the node's
/// <see cref="PartitionedSource"/> as its listener and hooks.
/// </summary>
public sealed partial class ShardRegion : IPartitionListener
{
    private readonly ActorSystem _system;
    private readonly ShardServices _services;
    private readonly Dictionary<string, ShardKindRegistration> _kindsByTopic = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ShardKey, ShardEntry> _shards = new();
    private readonly ConcurrentDictionary<ShardKey, ShardSnapshot?> _snapshots = new();
    private readonly ILogger _logger;
    private readonly Lock _rebalanceGate = new();
    private long _generation;
    private long? _rebalanceStarted;
    private long? _revokeStarted;
    private long? _assignStarted;

    /// <summary>Creates the region for the given entity kinds.</summary>
    public ShardRegion(ActorSystem system, ShardServices services, IReadOnlyList<ShardKindRegistration> kinds)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(kinds);
        _system = system;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<ShardRegion>();
        foreach (var kind in kinds)
        {
            foreach (var topic in kind.Topics)
            {
                if (!_kindsByTopic.TryAdd(topic, kind))
                {
                    throw new ArgumentException($"topic \"{topic}\" feeds two entity kinds ({_kindsByTopic[topic].Kind}, {kind.Kind})", nameof(kinds));
                }
            }
        }
    }

    /// <summary>Every input topic of every kind: what the node's source subscribes to.</summary>
    public IReadOnlyList<string> Topics => [.. _kindsByTopic.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The shards this node owns now.</summary>
    public IReadOnlyList<ShardKey> OwnedShards =>
        [.. _shards.Keys.OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Partition)];

    /// <summary>How many shards the node owns now.</summary>
    public int OwnedShardCount => _shards.Count;

    /// <summary>The hooks to give the source: start offsets from the store, final checkpoints on revocation.</summary>
    public SourceHooks Hooks => new()
    {
        StartOffsets = StartOffsetsAsync,
        Checkpoint = CheckpointAsync,
        Revoking = OnRevoking,
        Assigned = OnAssignmentComplete,
    };

    /// <summary>The entity kind fed by <paramref name="topic"/>, or null when no kind of this region reads it.</summary>
    public string? KindOfTopic(string topic) => _kindsByTopic.TryGetValue(topic, out var kind) ? kind.Kind : null;

    /// <summary>The actor of a shard this node owns, if any.</summary>
    public IActorRef? ShardRef(ShardKey key) => _shards.TryGetValue(key, out var entry) ? entry.Ref : null;

    /// <inheritdoc />
    public IRecordHandler OnAssigned(KafkaPartition partition)
    {
        var kind = KindOf(partition.Topic);
        var key = new ShardKey(kind.Kind, partition.Partition);
        var entry = _shards.GetOrAdd(key, k =>
        {
            _snapshots.TryRemove(k, out var snapshot);
            var props = kind.ShardProps(k, snapshot);
            // A unique name: the previous owner's actor of the same shard may still be stopping.
            return new ShardEntry(_system.ActorOf(props, $"{k.Kind}-{k.Partition}-{Interlocked.Increment(ref _generation)}"));
        });
        lock (entry.Topics)
        {
            entry.Topics.Add(partition.Topic);
        }

        return entry;
    }

    /// <inheritdoc />
    public void OnRevoked(IReadOnlyList<KafkaPartition> partitions)
    {
        Release(partitions, lost: false);
        if (_services.Events is { } events)
        {
            TimeSpan duration;
            lock (_rebalanceGate)
            {
                duration = _revokeStarted is { } started ? _services.Time.GetElapsedTime(started) : TimeSpan.Zero;
                _revokeStarted = null;
            }

            events.Publish(new PartitionsRevoked(events.NodeId, events.Now, partitions, duration));
        }
    }

    /// <inheritdoc />
    public void OnLost(IReadOnlyList<KafkaPartition> partitions) => Release(partitions, lost: true);

    /// <summary>
    /// The state of entity <paramref name="id"/> of shard <paramref name="shard"/> if this node owns the shard: the
    /// live entity's state, else its last checkpointed state; null when the entity does not exist.
    /// </summary>
    /// <exception cref="InvalidOperationException">This node does not own the shard.</exception>
    /// <exception cref="TimeoutException">The shard did not answer within <paramref name="timeout"/>.</exception>
    public async Task<EntityView?> GetEntityAsync(ShardKey shard, string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = ShardRef(shard) ?? throw new InvalidOperationException($"this node does not own shard {shard}");
        var result = new TaskCompletionSource<EntityView?>(TaskCreationOptions.RunContinuationsAsynchronously);
        target.Tell(new ShardProtocol.GetEntity(id, result));
        return await result.Task.WaitAsync(timeout, _services.Time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The state of every shard this node owns (shards that do not answer within <paramref name="timeout"/> are left out).</summary>
    public async Task<IReadOnlyList<ShardInfo>> GetShardsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var asks = _shards.Values.Select(entry =>
        {
            var result = new TaskCompletionSource<ShardInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
            entry.Ref.Tell(new ShardProtocol.GetInfo(result));
            return result.Task;
        }).ToList();
        try
        {
            await Task.WhenAll(asks).WaitAsync(timeout, _services.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Report the shards that answered.
        }

        return [.. asks.Where(a => a.IsCompletedSuccessfully).Select(a => a.Result)
            .OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Partition)];
    }

    /// <summary>Checkpoints every owned shard now (e.g. before a planned stop) and waits for the writes.</summary>
    public Task CheckpointAllAsync(CancellationToken cancellationToken) =>
        FinalCheckpointsAsync(_shards.Keys.ToList(), cancellationToken);

    private async Task<IReadOnlyDictionary<KafkaPartition, long>> StartOffsetsAsync(IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken)
    {
        lock (_rebalanceGate)
        {
            BeginRebalance();
            _assignStarted = _services.Time.GetTimestamp();
        }

        var result = new Dictionary<KafkaPartition, long>();
        foreach (var group in partitions.GroupBy(p => new ShardKey(KindOf(p.Topic).Kind, p.Partition)))
        {
            ShardSnapshot? snapshot;
            if (_shards.ContainsKey(group.Key))
            {
                continue;
            }

            snapshot = await _services.Store.ReadShardAsync(group.Key, cancellationToken).ConfigureAwait(false);
            _snapshots[group.Key] = snapshot;
            foreach (var partition in group)
            {
                if (snapshot is not null && snapshot.Offsets.TryGetValue(partition.Topic, out var offset))
                {
                    result[partition] = offset;
                }
            }
        }

        return result;
    }

    private void OnRevoking(IReadOnlyList<KafkaPartition> partitions)
    {
        lock (_rebalanceGate)
        {
            BeginRebalance();
            _revokeStarted = _services.Time.GetTimestamp();
        }
    }

    private void OnAssignmentComplete(IReadOnlyList<KafkaPartition> partitions)
    {
        TimeSpan assigning, total;
        lock (_rebalanceGate)
        {
            BeginRebalance();
            var now = _services.Time.GetTimestamp();
            assigning = _assignStarted is { } assignStarted ? _services.Time.GetElapsedTime(assignStarted, now) : TimeSpan.Zero;
            total = _services.Time.GetElapsedTime(_rebalanceStarted!.Value, now);
            _rebalanceStarted = null;
            _assignStarted = null;
        }

        if (_services.Events is not { } events)
        {
            return;
        }

        if (partitions.Count > 0)
        {
            events.Publish(new PartitionsAssigned(events.NodeId, events.Now, partitions, assigning));
        }

        events.Publish(new RebalanceFinished(events.NodeId, events.Now, total));
    }

    /// <summary>Under the rebalance gate: the first revocation or assignment of a rebalance starts it.</summary>
    private void BeginRebalance()
    {
        if (_rebalanceStarted is not null)
        {
            return;
        }

        _rebalanceStarted = _services.Time.GetTimestamp();
        if (_services.Events is { } events)
        {
            events.Publish(new RebalanceStarted(events.NodeId, events.Now));
        }
    }

    private Task CheckpointAsync(IReadOnlyList<KafkaPartitionOffset> offsets, CancellationToken cancellationToken) =>
        FinalCheckpointsAsync([.. offsets.Select(o => new ShardKey(KindOf(o.Partition.Topic).Kind, o.Partition.Partition)).Distinct()], cancellationToken);

    private async Task FinalCheckpointsAsync(IReadOnlyList<ShardKey> keys, CancellationToken cancellationToken)
    {
        var waits = new List<Task>();
        foreach (var key in keys)
        {
            if (_shards.TryGetValue(key, out var entry))
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                entry.Ref.Tell(new ShardProtocol.FinalCheckpoint(done));
                waits.Add(done.Task);
            }
        }

        var clock = _services.Time.GetTimestamp();
        try
        {
            await Task.WhenAll(waits).WaitAsync(_services.Settings.HandoffTimeout, _services.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new ActorStreamsException($"final checkpoint of {string.Join(", ", keys)} not written within {_services.Settings.HandoffTimeout.TotalSeconds:0.#} s", ex);
        }

        LogFinalCheckpoints(_logger, string.Join(", ", keys), _services.Time.GetElapsedTime(clock).TotalMilliseconds);
    }

    private void Release(IReadOnlyList<KafkaPartition> partitions, bool lost)
    {
        foreach (var partition in partitions)
        {
            var key = new ShardKey(KindOf(partition.Topic).Kind, partition.Partition);
            if (!_shards.TryGetValue(key, out var entry))
            {
                continue;
            }

            bool empty;
            lock (entry.Topics)
            {
                entry.Topics.Remove(partition.Topic);
                empty = entry.Topics.Count == 0;
            }

            if (empty && _shards.TryRemove(key, out _))
            {
                _system.Stop(entry.Ref);
                if (lost)
                {
                    LogLost(_logger, key.ToString());
                }
            }
        }
    }

    private ShardKindRegistration KindOf(string topic) =>
        _kindsByTopic.TryGetValue(topic, out var kind)
            ? kind
            : throw new ActorStreamsException($"topic \"{topic}\" feeds no entity kind of this region");

    [LoggerMessage(Level = LogLevel.Information, Message = "final checkpoints of {Shards} written in {Milliseconds:0} ms")]
    private static partial void LogFinalCheckpoints(ILogger logger, string shards, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "shard {Shard} lost (session expired): stopped without a checkpoint; its new owner replays from the last one")]
    private static partial void LogLost(ILogger logger, string shard);

    private sealed class ShardEntry(IActorRef shard) : IRecordHandler
    {
        public IActorRef Ref { get; } = shard;

        public HashSet<string> Topics { get; } = new(StringComparer.Ordinal);

        public void OnRecord(KafkaRecord record) => Ref.Tell(record);
    }
}
