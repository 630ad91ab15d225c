using ActorStreams.Actors;

namespace ActorStreams.Cluster.Internal;

/// <summary>
/// The unfinished work of one shard, counted across threads (entities, librdkafka delivery threads). When a
/// checkpoint is draining and the count reaches zero, the shard is told.
/// </summary>
internal sealed class ShardCounters
{
    private readonly IActorRef _shard;
    private long _inFlight;
    private int _draining;

    public ShardCounters(IActorRef shard)
    {
        _shard = shard;
    }

    public long InFlight => Interlocked.Read(ref _inFlight);

    public string? DeliveryError { get; private set; }

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Finished()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _draining) != 0)
        {
            _shard.Tell(ShardProtocol.Drained.Instance);
        }
    }

    public void DeliveryFailed(string error)
    {
        DeliveryError ??= error;
        _shard.Tell(new ShardProtocol.DeliveryFailed(error));
    }

    /// <summary>Starts draining; true when nothing is in flight, so the caller need not wait for <see cref="ShardProtocol.Drained"/>.</summary>
    public bool BeginDrain()
    {
        Interlocked.Exchange(ref _draining, 1);
        return Interlocked.Read(ref _inFlight) == 0;
    }

    public void EndDrain() => Interlocked.Exchange(ref _draining, 0);
}
