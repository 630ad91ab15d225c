using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorStreams.Benchmarks;

/// <summary>The keyed-routing baseline through Akka.Cluster.Sharding: a shard region of plain entities in a one-node cluster.</summary>
internal static class ShardingCases
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The routing of <see cref="PlainCases.RoutingParentAsync"/> through a shard region with a
    /// <see cref="HashCodeMessageExtractor"/> over <paramref name="shards"/> shards; the shards are allocated and
    /// started before the clock starts, the entities are created by their first message.
    /// </summary>
    public static async Task<Measurement> RoutingRegionAsync(int entities, int perEntity, int shards, CancellationToken cancellationToken)
    {
        var system = await BenchmarkCluster.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var shared = new RoutingShared(entities, perEntity);
            var extractor = new KeyedMessageExtractor(shards);
            // The extension first: it adds sharding's defaults to the system's configuration, which the settings read.
            var sharding = ClusterSharding.Get(system);
            var region = await sharding.StartAsync("keyed", Props.Create<CountingEntity>(shared), ClusterShardingSettings.Create(system), extractor).ConfigureAwait(false);
            await StartShardsAsync(region, extractor, shards, cancellationToken).ConfigureAwait(false);
            return await PlainCases.ProduceAsync(region, entities, perEntity, shared, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Allocates and starts every shard by starting one extra entity in each (as the product's consumer keep-alive
    /// does), so that no message waits for, or is dropped by, the region's buffer while the coordinator allocates.
    /// </summary>
    private static async Task StartShardsAsync(IActorRef region, IMessageExtractor extractor, int shards, CancellationToken cancellationToken)
    {
        var started = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; started.Count < shards; i++)
        {
            var id = "~shard-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (started.Add(extractor.ShardId(id)))
            {
                await region.Ask<object>(new ShardRegion.StartEntity(id), AskTimeout, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Entity id = the <see cref="KeyedMessage"/>'s key; shard = its hash among the shards.</summary>
    private sealed class KeyedMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
    {
        public override string EntityId(object message) => (message as KeyedMessage)?.EntityId!;
    }
}
