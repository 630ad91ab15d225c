using System.Buffers.Binary;
using System.Collections.Concurrent;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Cluster.Tests.Support;

/// <summary>
/// Archives that record what the pipelines tell them: the records added per partition, the barriers and the written
/// states. A state is the number of records the run's archive held at its barrier plus the count it was opened with, so
/// a reopened archive goes on counting from the last written checkpoint. <see cref="Hold"/> keeps the next barriers'
/// durability pending until released.
/// </summary>
public sealed class RecordingArchives : IPartitionArchives
{
    private TaskCompletionSource? _hold;

    /// <summary>Every archive opened, in order: (partition, the count in the state it was opened with, or null).</summary>
    public ConcurrentQueue<(int Partition, long? OpenedWith)> Opened { get; } = new();

    /// <summary>The offsets added per partition, in the order added, over every run.</summary>
    public ConcurrentDictionary<int, ConcurrentQueue<long>> Added { get; } = new();

    /// <summary>The states written per partition, in order.</summary>
    public ConcurrentDictionary<int, ConcurrentQueue<long>> Written { get; } = new();

    /// <summary>Barriers seen while held.</summary>
    public int HeldBarriers => Volatile.Read(ref _heldBarriers);

    private int _heldBarriers;

    /// <summary>From now on, barriers' durability waits for <see cref="Release"/>.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes (or fails) the held barriers' durability; later barriers are durable at once.</summary>
    public void Release(Exception? failWith = null)
    {
        var hold = Interlocked.Exchange(ref _hold, null);
        if (failWith is null)
        {
            hold?.TrySetResult();
        }
        else
        {
            hold?.TrySetException(failWith);
        }
    }

    public Task<IPartitionArchive> OpenAsync(string kind, int partition, byte[]? state, CancellationToken cancellationToken)
    {
        long? count = state is null ? null : BinaryPrimitives.ReadInt64LittleEndian(state);
        Opened.Enqueue((partition, count));
        return Task.FromResult<IPartitionArchive>(new Archive(this, partition, count ?? 0));
    }

    private sealed class Archive(RecordingArchives owner, int partition, long count) : IPartitionArchive
    {
        public void Add(ConsumedRecord? record, IReadOnlyList<ProducerRecord> outputs, bool duplicate)
        {
            if (record is not null)
            {
                owner.Added.GetOrAdd(partition, _ => new()).Enqueue(record.Offset);
                count++;
            }
        }

        public ArchiveBarrier Barrier(bool final)
        {
            var state = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(state, count);
            if (owner._hold is { } hold)
            {
                Interlocked.Increment(ref owner._heldBarriers);
                return new ArchiveBarrier(state, hold.Task);
            }

            return new ArchiveBarrier(state, Task.CompletedTask);
        }

        public bool CheckpointWanted => false;

        public void Written(byte[] state) =>
            owner.Written.GetOrAdd(partition, _ => new()).Enqueue(BinaryPrimitives.ReadInt64LittleEndian(state));
    }
}
