using ActorStreams.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Actors;

/// <summary>
/// System-wide publish/subscribe by event type (a subscription to a type also receives its subtypes).
/// The runtime publishes <see cref="DeadLetter"/> and <see cref="UnhandledMessage"/> here.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private Subscription[] _subscriptions = [];

    internal EventStream(ILogger logger) => _logger = logger;

    internal bool HasSubscribers => Volatile.Read(ref _subscriptions).Length > 0;

    /// <summary>Tells <paramref name="subscriber"/> every published event assignable to <paramref name="channel"/>; false if already subscribed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (Array.Exists(_subscriptions, s => ReferenceEquals(s.Subscriber, subscriber) && s.Channel == channel))
            {
                return false;
            }

            _subscriptions = [.. _subscriptions, new Subscription(channel, subscriber, null)];
            return true;
        }
    }

    /// <summary>Calls <paramref name="handler"/> on the publishing thread for every event of type <typeparamref name="T"/>; dispose to unsubscribe.</summary>
    public IDisposable Subscribe<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(typeof(T), null, e => handler((T)e));
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return new Unsubscriber(this, subscription);
    }

    /// <summary>Removes one subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel) =>
        Remove(s => ReferenceEquals(s.Subscriber, subscriber) && s.Channel == channel);

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber) => Remove(s => ReferenceEquals(s.Subscriber, subscriber));

    /// <summary>Delivers <paramref name="event"/> to the matching subscribers.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!subscription.Channel.IsAssignableFrom(type))
            {
                continue;
            }

            if (subscription.Subscriber is { } subscriber)
            {
                if (subscriber is InternalActorRef { IsTerminated: true })
                {
                    // A stopped subscriber would turn every event into a dead letter (and dead letters into more).
                    Remove(s => ReferenceEquals(s, subscription));
                    continue;
                }

                subscriber.Tell(@event);
            }
            else
            {
                try
                {
                    subscription.Handler!(@event);
                }
                catch (Exception ex)
                {
                    Log.HookFailed(_logger, ex, "EventStream subscriber", ActorPath.Root("eventStream"));
                }
            }
        }
    }

    private bool Remove(Predicate<Subscription> match)
    {
        lock (_gate)
        {
            var kept = Array.FindAll(_subscriptions, s => !match(s));
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }

    private sealed record Subscription(Type Channel, IActorRef? Subscriber, Action<object>? Handler);

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose() => stream.Remove(s => ReferenceEquals(s, subscription));
    }
}
