using ActorStreams.Kafka.Internal;
using Confluent.Kafka;

namespace ActorStreams.Kafka.GroupSource;

/// <content>Backpressure: pause a partition at its in-flight limit, resume it at the low-water mark; dead letters.</content>
public sealed partial class PartitionedSource
{
    /// <summary>Consume thread: the partition reached its in-flight limit.</summary>
    private void Pause(PartitionState state)
    {
        lock (state.Gate)
        {
            if (state.Paused || state.Revoked || state.InFlight < _settings.Consumer.MaxInFlightPerPartition)
            {
                return;
            }

            PauseOrResume(state, pause: true);
        }
    }

    /// <summary>Any thread: a record of <paramref name="state"/> completed, leaving <paramref name="remaining"/> in flight.</summary>
    internal void OnCompleted(PartitionState state, int remaining)
    {
        Metrics.AddInFlight(-1);
        if (remaining <= _settings.Consumer.ResumeAt && state.Paused)
        {
            lock (state.Gate)
            {
                if (state.Paused && !state.Revoked && state.InFlight <= _settings.Consumer.ResumeAt)
                {
                    PauseOrResume(state, pause: false);
                }
            }
        }

        if (remaining == 0 && _draining)
        {
            lock (_drainGate)
            {
                Monitor.PulseAll(_drainGate);
            }
        }
    }

    internal void DeadLetter(PartitionState state, KafkaRecord record, string reason)
    {
        if (_options.DeadLetters is not { } writer)
        {
            Fail(new KafkaLayerException($"record {record} must be dead-lettered ({reason}) but the source has no dead-letter writer"));
            return;
        }

        _ = DeadLetterAsync(writer, state, record, reason);
    }

    private async Task DeadLetterAsync(DeadLetters.DeadLetterWriter writer, PartitionState state, KafkaRecord record, string reason)
    {
        try
        {
            await writer.WriteAsync(record, reason).ConfigureAwait(false);
            Metrics.AddDeadLettered();
            state.Complete(record.Offset);
        }
        catch (Exception ex)
        {
            // The record stays incomplete so it is replayed, never lost.
            Fail(new KafkaLayerException($"could not dead-letter {record}: {ex.Message}", ex));
        }
    }

    /// <summary>Caller holds the state's gate.</summary>
    private void PauseOrResume(PartitionState state, bool pause)
    {
        var consumer = _consumer;
        if (consumer is null || !_consumerGuard.TryEnter())
        {
            return;
        }

        var partitions = new[] { new TopicPartition(state.Partition.Topic, state.Partition.Partition) };
        try
        {
            if (pause)
            {
                consumer.Pause(partitions);
            }
            else
            {
                consumer.Resume(partitions);
            }
        }
        catch (Exception ex) when (ex is Confluent.Kafka.KafkaException or ObjectDisposedException)
        {
            // The partition is being revoked; the new assignment starts unpaused.
            KafkaLog.ConsumeError(_logger, ClientId, $"{(pause ? "pause" : "resume")} of {state.Partition} failed: {ex.Message}");
            return;
        }
        finally
        {
            _consumerGuard.Exit();
        }

        // The gauge moves first so that whoever sees the partition (un)paused also sees the count.
        Metrics.AddPausedPartitions(pause ? 1 : -1);
        state.SetPaused(pause);
    }
}
