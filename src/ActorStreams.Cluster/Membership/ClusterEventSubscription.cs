using System.Threading.Channels;

namespace ActorStreams.Cluster.Membership;

/// <summary>One subscriber's view of a <see cref="ClusterEventBus"/>: read events from <see cref="Reader"/>; dispose to unsubscribe.</summary>
public sealed class ClusterEventSubscription : IDisposable
{
    private readonly Action _unsubscribe;
    private int _disposed;

    internal ClusterEventSubscription(ChannelReader<ClusterEvent> reader, Action unsubscribe)
    {
        Reader = reader;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The events, in publication order; completes when the subscription or the bus ends.</summary>
    public ChannelReader<ClusterEvent> Reader { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe();
        }
    }
}
