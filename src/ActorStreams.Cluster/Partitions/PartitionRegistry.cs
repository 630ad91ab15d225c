using System.Collections.Concurrent;
using Akka.Actor;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// The partition consumers running on this node (an Akka extension, one per actor system): each registers under a new
/// epoch when it starts, and entities handle commands only from the current epoch of their partition, so a consumer
/// that stopped — or that runs on another node — can never change them (docs/design.md §3).
/// </summary>
public sealed class PartitionRegistry : IExtension
{
    private readonly ConcurrentDictionary<(string Kind, int Partition), PartitionStatus> _running = new();
    private readonly ConcurrentDictionary<(string Kind, int Partition), bool> _lost = new();
    private readonly ConcurrentDictionary<(string Kind, int Partition), int> _held = new();
    private long _epochs;
    private int _fenced;

    /// <summary>Every consumer running on this node.</summary>
    public IReadOnlyList<PartitionStatus> Running =>
        [.. _running.Values.OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Partition)];

    /// <summary>
    /// True once this node found that the cluster took its partitions over (<see cref="PartitionTakenOver"/>): it starts
    /// no partition again.
    /// </summary>
    public bool Fenced => Volatile.Read(ref _fenced) != 0;

    /// <summary>This node's registry.</summary>
    public static PartitionRegistry Get(ActorSystem system) => system.WithExtension<PartitionRegistry, PartitionRegistryProvider>();

    /// <summary>Registers a starting consumer of <paramref name="kind"/>/<paramref name="partition"/> under a new epoch (replacing any earlier one).</summary>
    public PartitionStatus Register(string kind, int partition, DateTimeOffset now)
    {
        var status = new PartitionStatus(kind, partition, Interlocked.Increment(ref _epochs), now);
        _running[(kind, partition)] = status;
        return status;
    }

    /// <summary>Removes <paramref name="status"/>'s consumer, unless a newer one has registered since.</summary>
    public void Unregister(PartitionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        _running.TryRemove(new KeyValuePair<(string, int), PartitionStatus>((status.Kind, status.Partition), status));
    }

    /// <summary>The epoch of the consumer of <paramref name="kind"/>/<paramref name="partition"/> running here, or -1.</summary>
    public long CurrentEpoch(string kind, int partition) =>
        _running.TryGetValue((kind, partition), out var status) ? status.Epoch : -1;

    /// <summary>The status of the consumer of <paramref name="kind"/>/<paramref name="partition"/> running here, if any.</summary>
    public PartitionStatus? Status(string kind, int partition) => _running.GetValueOrDefault((kind, partition));

    /// <summary>Notes that the ledger of <paramref name="kind"/>/<paramref name="partition"/> lost a write to another writer here.</summary>
    public void MarkLost(string kind, int partition) => _lost[(kind, partition)] = true;

    /// <summary>Whether the ledger of <paramref name="kind"/>/<paramref name="partition"/> lost a write here since it last started cleanly; clears the mark.</summary>
    public bool TakeLost(string kind, int partition) => _lost.TryRemove((kind, partition), out _);

    /// <summary>Marks this node fenced; true for the first caller only.</summary>
    public bool Fence() => Interlocked.Exchange(ref _fenced, 1) == 0;

    /// <summary>Records that a consumer of <paramref name="kind"/>'s partition <paramref name="partition"/> lives on this node (from its start to its stop, recovery included).</summary>
    public void Hold(string kind, int partition) => _held.AddOrUpdate((kind, partition), 1, (_, n) => n + 1);

    /// <summary>Records that the consumer recorded by <see cref="Hold"/> stopped.</summary>
    public void Release(string kind, int partition)
    {
        if (_held.AddOrUpdate((kind, partition), 0, (_, n) => n - 1) <= 0)
        {
            _held.TryRemove(new KeyValuePair<(string, int), int>((kind, partition), 0));
        }
    }

    /// <summary>True while a consumer of the partition lives on this node: what this node answers another asking whether it runs the partition.</summary>
    public bool Holds(string kind, int partition) => _held.TryGetValue((kind, partition), out var n) && n > 0;

    /// <summary>The status of the consumer running here under <paramref name="epoch"/>, if it still runs.</summary>
    public PartitionStatus? ByEpoch(long epoch) => _running.Values.FirstOrDefault(s => s.Epoch == epoch);
}

/// <summary>Creates the <see cref="PartitionRegistry"/> of an actor system.</summary>
internal sealed class PartitionRegistryProvider : ExtensionIdProvider<PartitionRegistry>
{
    /// <inheritdoc />
    public override PartitionRegistry CreateExtension(ExtendedActorSystem system)
    {
        var registry = new PartitionRegistry();
        system.SystemActorOf(Internal.LostWorkListener.Props(registry), "partition-lost-work");
        system.SystemActorOf(Internal.OwnerQueryResponder.Props(registry), Internal.OwnerQueryResponder.Name);
        return registry;
    }
}
