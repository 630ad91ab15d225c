using System.Collections.Concurrent;
using ActorStreams.Kafka.GroupSource;

namespace ActorStreams.Kafka.Tests.Support;

/// <summary>
/// Records what a source hands out. By default every record is completed at once; set
/// <see cref="OnRecord"/> to process records differently (hold them, decode them, dead-letter them).
/// </summary>
internal sealed class TestListener : IPartitionListener, IRecordHandler
{
    private readonly ConcurrentQueue<KafkaRecord> _records = new();
    private readonly ConcurrentDictionary<KafkaPartition, bool> _assigned = new();
    private int _revocations;

    public Action<KafkaRecord>? OnRecord { get; set; }

    public IReadOnlyList<KafkaRecord> Records => [.. _records];

    public int Count => _records.Count;

    public IReadOnlyCollection<KafkaPartition> Assigned => [.. _assigned.Keys];

    public int Revocations => Volatile.Read(ref _revocations);

    public ConcurrentQueue<KafkaPartition> LostPartitions { get; } = new();

    public IRecordHandler OnAssigned(KafkaPartition partition)
    {
        _assigned[partition] = true;
        return this;
    }

    public void OnRevoked(IReadOnlyList<KafkaPartition> partitions)
    {
        Interlocked.Increment(ref _revocations);
        foreach (var partition in partitions)
        {
            _assigned.TryRemove(partition, out _);
        }
    }

    public void OnLost(IReadOnlyList<KafkaPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _assigned.TryRemove(partition, out _);
            LostPartitions.Enqueue(partition);
        }
    }

    void IRecordHandler.OnRecord(KafkaRecord record)
    {
        _records.Enqueue(record);
        if (OnRecord is { } custom)
        {
            custom(record);
        }
        else
        {
            record.Complete();
        }
    }
}
