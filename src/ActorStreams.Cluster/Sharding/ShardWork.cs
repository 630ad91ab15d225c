using ActorStreams.Cluster.Internal;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.GroupSource;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// One unit of work of a shard, usually one input record: the message its entity handles, and the latch that
/// tracks everything the record caused. The work is finished, and its Kafka record completed, only when the
/// entity has handled it AND every output produced for it has been delivered; a checkpoint waits until no
/// work of its shard is unfinished, so checkpointed offsets never run ahead of delivered outputs (docs/design.md §3).
/// </summary>
public abstract class ShardWork : DeliveryCallback
{
    private ShardCounters? _counters;
    private int _pending;

    /// <summary>The input record this work comes from; null for work the shard makes itself (timers, watermarks).</summary>
    public KafkaRecord? Record { get; private set; }

    /// <summary>Holds the work open for one more step (an output being delivered, a reply being forwarded).</summary>
    public void AddPending() => Interlocked.Increment(ref _pending);

    /// <summary>Ends one step; the last one completes the record and finishes the work.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _pending);
        if (left == 0)
        {
            Record?.Complete();
            _counters!.Finished();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException($"{GetType().Name} released more often than held");
        }
    }

    /// <inheritdoc />
    protected override void OnDelivered(string? error)
    {
        if (error is not null)
        {
            _counters!.DeliveryFailed(error);
        }

        Release();
    }

    internal void Attach(ShardCounters counters, KafkaRecord? record)
    {
        _counters = counters;
        Record = record;
        _pending = 1;
        counters.Started();
    }
}
