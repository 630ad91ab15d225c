using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// Akka's least-shard allocation, except that it rebalances nothing while a member is Leaving, Exiting or Down
/// (docs/design.md §2): a leaving node's region still takes part in rebalancing while it looks Up, and healthy shards of
/// the staying nodes would be handed off for nothing. The leaving node's own shards move by its graceful region shutdown.
/// </summary>
public sealed class LeavingAwareAllocationStrategy : IActorSystemDependentAllocationStrategy
{
    private readonly IShardAllocationStrategy _inner;
    private Akka.Cluster.Cluster? _cluster;

    /// <summary>Wraps <see cref="ShardAllocationStrategy.LeastShardAllocationStrategy"/> with the given rebalance limits.</summary>
    public LeavingAwareAllocationStrategy(int absoluteLimit, double relativeLimit)
    {
        _inner = ShardAllocationStrategy.LeastShardAllocationStrategy(absoluteLimit, relativeLimit);
    }

    /// <inheritdoc />
    public void Start(ActorSystem system)
    {
        _cluster = Akka.Cluster.Cluster.Get(system);
        if (_inner is IActorSystemDependentAllocationStrategy dependent)
        {
            dependent.Start(system);
        }
    }

    /// <inheritdoc />
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations) =>
        _inner.AllocateShard(requester, shardId, currentShardAllocations);

    /// <inheritdoc />
    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress)
    {
        if (_cluster is { } cluster && cluster.State.Members.Any(m => m.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down))
        {
            return Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);
        }

        return _inner.Rebalance(currentShardAllocations, rebalanceInProgress);
    }
}
