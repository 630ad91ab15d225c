using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// The mailbox of entity actors (configured at <see cref="ConfigPath"/>): an unbounded queue sized for actors that
/// mostly hold one message at a time. Akka's default queue pre-allocates a segment of 32 slots, about 1 KiB that every
/// one of a node's hundreds of thousands of mostly idle entities keeps for its whole life; this one about 150 bytes.
/// </summary>
public sealed class EntityMailbox : MailboxType, IProducesMessageQueue<EntityMailbox.RingMessageQueue>
{
    /// <summary>Where the mailbox is configured (<c>mailbox-type</c>); <see cref="Props.WithMailbox"/> takes this path.</summary>
    public const string ConfigPath = "actorstreams-entity-mailbox";

    /// <summary>The configuration of the mailbox at <see cref="ConfigPath"/>.</summary>
    public static Config DefaultConfig { get; } = ConfigurationFactory.ParseString(
        $"{ConfigPath}.mailbox-type = \"{typeof(EntityMailbox).FullName}, {typeof(EntityMailbox).Assembly.GetName().Name}\"");

    /// <summary>Created by Akka from the configuration at <see cref="ConfigPath"/>.</summary>
    public EntityMailbox(Settings settings, Config config)
        : base(settings, config)
    {
    }

    /// <inheritdoc />
    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new RingMessageQueue();

    /// <summary>
    /// A small ring of envelopes behind a lock, grown when full: an entity mostly holds one message at a time, so the
    /// ring stays at its first few slots, and a message allocates nothing (a linked queue's node per message outlived
    /// the message as its sentinel, and was promoted with every idle entity).
    /// </summary>
    public sealed class RingMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
    {
        private const int InitialCapacity = 4;
        private readonly Lock _lock = new();
        private Envelope[] _ring = [];
        private int _head;
        private int _count;

        /// <inheritdoc />
        public bool HasMessages => Volatile.Read(ref _count) > 0;

        /// <inheritdoc />
        public int Count => Volatile.Read(ref _count);

        /// <inheritdoc />
        public void Enqueue(IActorRef receiver, Envelope envelope)
        {
            lock (_lock)
            {
                if (_count == _ring.Length)
                {
                    Grow();
                }

                _ring[(_head + _count) % _ring.Length] = envelope;
                Volatile.Write(ref _count, _count + 1);
            }
        }

        /// <inheritdoc />
        public bool TryDequeue(out Envelope envelope)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    envelope = default;
                    return false;
                }

                envelope = _ring[_head];
                _ring[_head] = default;
                _head = (_head + 1) % _ring.Length;
                Volatile.Write(ref _count, _count - 1);
                return true;
            }
        }

        /// <inheritdoc />
        public void CleanUp(IActorRef owner, IMessageQueue deadletters)
        {
            while (TryDequeue(out var envelope))
            {
                deadletters.Enqueue(owner, envelope);
            }
        }

        private void Grow()
        {
            var larger = new Envelope[Math.Max(InitialCapacity, _ring.Length * 2)];
            for (var i = 0; i < _count; i++)
            {
                larger[i] = _ring[(_head + i) % _ring.Length];
            }

            _ring = larger;
            _head = 0;
        }
    }
}
