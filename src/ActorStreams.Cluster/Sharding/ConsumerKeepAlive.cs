using Akka.Actor;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// Keeps every partition's consumer running (docs/design.md §2): a shard starts only when a message reaches it, so this
/// actor sends <see cref="Akka.Cluster.Sharding.ShardRegion.StartEntity"/> for each consumer id of each region every interval and ignores the
/// acknowledgements. A consumer whose shard moved starts on its new node at the next round. Stop it when shutdown starts,
/// or it keeps shards alive that are being handed off.
/// </summary>
public sealed class ConsumerKeepAlive : ReceiveActor, IWithTimers
{
    private readonly IReadOnlyList<(IActorRef Region, int Partitions)> _regions;
    private readonly TimeSpan _interval;

    /// <summary>Creates the keep-alive of <paramref name="regions"/>, each with its partition count.</summary>
    public ConsumerKeepAlive(IReadOnlyList<(IActorRef Region, int Partitions)> regions, TimeSpan interval)
    {
        _regions = regions;
        _interval = interval;
        Receive<Tick>(_ => StartAll());

        // The regions' StartEntityAck replies (internal to Akka) carry nothing this actor needs.
        ReceiveAny(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer("keep-alive", Tick.Instance, TimeSpan.Zero, _interval);

    /// <summary>The props of the keep-alive.</summary>
    public static Props Props(IReadOnlyList<(IActorRef Region, int Partitions)> regions, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new ConsumerKeepAlive(regions, interval));

    private void StartAll()
    {
        foreach (var (region, partitions) in _regions)
        {
            for (var partition = 0; partition < partitions; partition++)
            {
                region.Tell(new Akka.Cluster.Sharding.ShardRegion.StartEntity(PartitionEntityIds.Consumer(partition)));
            }
        }
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
