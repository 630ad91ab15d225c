using System.Diagnostics;
using ActorStreams.Kafka.Internal;
using Confluent.Kafka;

namespace ActorStreams.Kafka.GroupSource;

/// <content>Handoff (docs/design.md §2): assignment seeks to checkpointed offsets; revocation drains, checkpoints, commits.</content>
public sealed partial class PartitionedSource
{
    private IEnumerable<TopicPartitionOffset> OnPartitionsAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> assigned)
    {
        Metrics.AddRebalance();
        var partitions = assigned.Select(tp => new KafkaPartition(tp.Topic, tp.Partition.Value)).ToList();
        IReadOnlyDictionary<KafkaPartition, long> starts = new Dictionary<KafkaPartition, long>();
        if (_options.Hooks.StartOffsets is { } hook && partitions.Count > 0)
        {
            try
            {
                starts = hook(partitions, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                // Without its checkpoint a partition cannot start safely: fault rather than double-count.
                Fail(new KafkaLayerException($"the start-offset hook failed for {string.Join(", ", partitions)}", ex));
                return assigned.Select(tp => new TopicPartitionOffset(tp, Offset.Unset));
            }
        }

        var result = new List<TopicPartitionOffset>(assigned.Count);
        foreach (var partition in partitions)
        {
            var handler = _listener.OnAssigned(partition);
            var state = new PartitionState(
                this,
                partition,
                handler,
                Metrics.EventsInCounter(partition.Topic),
                _partitionCounts.GetValueOrDefault(partition.Topic));
            var offset = Offset.Unset;
            if (starts.TryGetValue(partition, out var start) && start >= 0)
            {
                state.Tracker.Reset(start);
                state.ExpectedNext = start;
                offset = new Offset(start);
            }

            _partitions[(partition.Topic, partition.Partition)] = state;
            result.Add(new TopicPartitionOffset(partition.Topic, partition.Partition, offset));
        }

        KafkaLog.Assigned(_logger, ClientId, string.Join(", ", result.Select(r => $"{r.Topic}[{r.Partition.Value}]@{r.Offset}")));
        _options.Hooks.Assigned?.Invoke(partitions);
        return result;
    }

    private void OnPartitionsRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> revoked)
    {
        var states = TakeStates(revoked);
        if (states.Count == 0)
        {
            return;
        }

        _options.Hooks.Revoking?.Invoke([.. states.Select(s => s.Partition)]);
        WaitForDrain(states);
        var offsets = states
            .Select(s => s.Tracker.CommittableOffset is { } offset ? new KafkaPartitionOffset(s.Partition, offset) : (KafkaPartitionOffset?)null)
            .OfType<KafkaPartitionOffset>()
            .ToList();
        var checkpointed = true;
        if (_options.Hooks.Checkpoint is { } checkpoint && offsets.Count > 0)
        {
            try
            {
                checkpoint(offsets, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                checkpointed = false;
                KafkaLog.CheckpointFailed(_logger, ex, ClientId, string.Join(", ", offsets));
            }
        }

        if (checkpointed)
        {
            Commit(offsets);
        }

        ReleaseStates(states);
        _listener.OnRevoked([.. states.Select(s => s.Partition)]);
        KafkaLog.Revoked(_logger, ClientId, string.Join(", ", states.Select(s => s.Partition)), string.Join(", ", offsets));
    }

    private void OnPartitionsLost(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> lost)
    {
        var states = TakeStates(lost);
        if (states.Count == 0)
        {
            return;
        }

        ReleaseStates(states);
        var partitions = states.Select(s => s.Partition).ToList();
        _listener.OnLost(partitions);
        KafkaLog.Lost(_logger, ClientId, string.Join(", ", partitions));
    }

    /// <summary>Marks the states revoked (no more pause/resume calls) and returns them.</summary>
    private List<PartitionState> TakeStates(List<TopicPartitionOffset> partitions)
    {
        var states = new List<PartitionState>(partitions.Count);
        foreach (var tpo in partitions)
        {
            if (_partitions.TryGetValue((tpo.Topic, tpo.Partition.Value), out var state))
            {
                lock (state.Gate)
                {
                    if (state.Paused)
                    {
                        Metrics.AddPausedPartitions(-1);
                        state.SetPaused(false);
                    }

                    state.MarkRevoked();
                }

                states.Add(state);
            }
        }

        return states;
    }

    private void ReleaseStates(List<PartitionState> states)
    {
        foreach (var state in states)
        {
            // Records still in flight after a drain timeout stay counted until they complete.
            _partitions.TryRemove(new KeyValuePair<(string, int), PartitionState>((state.Partition.Topic, state.Partition.Partition), state));
        }
    }

    /// <summary>Revokes every remaining state once the consumer is closed (no further pause/resume).</summary>
    private void RevokeAllStates()
    {
        foreach (var state in _partitions.Values)
        {
            lock (state.Gate)
            {
                state.MarkRevoked();
            }
        }

        _partitions.Clear();
    }

    private void WaitForDrain(List<PartitionState> states)
    {
        var timeout = _settings.Consumer.DrainTimeout;
        var clock = Stopwatch.StartNew();
        _draining = true;
        try
        {
            lock (_drainGate)
            {
                while (states.Any(s => s.InFlight > 0))
                {
                    var remaining = timeout - clock.Elapsed;
                    if (remaining <= TimeSpan.Zero || Volatile.Read(ref _fault) is not null)
                    {
                        Metrics.AddDrainTimeout();
                        KafkaLog.DrainTimeout(_logger, ClientId, states.Sum(s => s.InFlight), timeout);
                        return;
                    }

                    // Completions pulse the gate; the bounded wait only guards against a missed pulse.
                    Monitor.Wait(_drainGate, remaining < TimeSpan.FromMilliseconds(100) ? remaining : TimeSpan.FromMilliseconds(100));
                }
            }
        }
        finally
        {
            _draining = false;
        }
    }
}
