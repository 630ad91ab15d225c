using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Cluster.Membership;

/// <summary>
/// The node's cluster events (<see cref="ClusterEvent"/>): a thread-safe broadcaster that remembers the last
/// <see cref="HistorySize"/> events, so that a new subscriber (<c>GET /api/events</c>, <c>cmd cluster tail</c>) sees
/// the recent past and then follows live.
/// </summary>
public sealed partial class ClusterEventBus
{
    /// <summary>How many past events the bus remembers.</summary>
    public const int HistorySize = 100;

    /// <summary>How many unread events a subscriber may fall behind by; older unread ones are dropped for it.</summary>
    public const int SubscriberCapacity = 1_000;

    private readonly Lock _gate = new();
    private readonly Queue<ClusterEvent> _history = new(HistorySize);
    private readonly List<Channel<ClusterEvent>> _subscribers = [];
    private readonly ILogger _logger;

    /// <summary>Creates the bus of node <paramref name="nodeId"/>.</summary>
    /// <param name="nodeId">The node reporting the events.</param>
    /// <param name="time">The clock that stamps events.</param>
    /// <param name="logger">Every event is logged here at information level.</param>
    public ClusterEventBus(string nodeId, TimeProvider time, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(time);
        NodeId = nodeId;
        Time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The node reporting the events (their <see cref="ClusterEvent.NodeId"/>).</summary>
    public string NodeId { get; }

    /// <summary>The clock stamping the events.</summary>
    public TimeProvider Time { get; }

    /// <summary>Now, for <see cref="ClusterEvent.At"/>.</summary>
    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The remembered events, oldest first.</summary>
    public IReadOnlyList<ClusterEvent> Recent
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Remembers the event and hands it to every subscriber; never blocks.</summary>
    public void Publish(ClusterEvent clusterEvent)
    {
        ArgumentNullException.ThrowIfNull(clusterEvent);
        lock (_gate)
        {
            if (_history.Count == HistorySize)
            {
                _history.Dequeue();
            }

            _history.Enqueue(clusterEvent);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(clusterEvent);
            }
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogEvent(_logger, clusterEvent.Type, Encoding.UTF8.GetString(clusterEvent.ToJsonUtf8()));
        }
    }

    /// <summary>
    /// Subscribes: the reader yields the remembered events (when <paramref name="replay"/>), then every later one, in
    /// publication order, until the subscription is disposed.
    /// </summary>
    public ClusterEventSubscription Subscribe(bool replay = true)
    {
        var channel = Channel.CreateBounded<ClusterEvent>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        lock (_gate)
        {
            if (replay)
            {
                foreach (var past in _history)
                {
                    channel.Writer.TryWrite(past);
                }
            }

            _subscribers.Add(channel);
        }

        return new ClusterEventSubscription(channel.Reader, () =>
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
    }

    /// <summary>Ends every subscription (their readers complete after the events already queued).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster event {Type}: {Json}")]
    private static partial void LogEvent(ILogger logger, string type, string json);
}
