using ActorStreams.Cluster;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Entities;
using ActorStreams.Entities.Customers;
using ActorStreams.Entities.Offers;
using ActorStreams.Kafka;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Benchmarks;

/// <summary>
/// The product's entity path in a one-node cluster: a region started as <see cref="PartitionSharding.StartRegion"/> starts
/// it (shard = partition by <see cref="PartitionMessageExtractor"/>, the leaving-aware allocation strategy,
/// <see cref="EntityStop"/> for handoff), real <see cref="PartitionEntity{TId,TState}"/>s, and partitions registered in the
/// node's <see cref="PartitionRegistry"/> so that the commands' epochs are current.
/// </summary>
internal static class ProductCases
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Counter entities (<see cref="CounterEntity"/>) driven with <paramref name="work"/>.</summary>
    public static Task<Measurement> CounterAsync(PartitionWork[] work, int window, CancellationToken cancellationToken)
    {
        var kind = new CounterKind();
        return DriveAsync(CounterKind.KindName, services => _ => Props.Create<CounterEntity>(kind, services), work, window, cancellationToken);
    }

    /// <summary>Customer entities (the product's <c>CustomerEntity</c>) driven with <paramref name="work"/> (<see cref="ScoreTransaction"/> payloads).</summary>
    public static Task<Measurement> CustomerAsync(PartitionWork[] work, int window, CancellationToken cancellationToken) =>
        DriveAsync(AnalyticsKinds.Customer, services => Customers(services, work.Length).EntityProps, work, window, cancellationToken);

    /// <summary>
    /// Heap growth per idle customer entity: <paramref name="entities"/> customers over <paramref name="partitions"/>
    /// partitions, each brought into memory through the region by one <c>Fresh</c> command (a tombstone for its details,
    /// which leaves the fresh state as it is), measured after a full GC.
    /// </summary>
    public static async Task<Measurement> IdleCustomerMemoryAsync(long entities, int partitions, int window, CancellationToken cancellationToken)
    {
        var system = await BenchmarkCluster.StartAsync(cancellationToken).ConfigureAwait(false);
        var registry = PartitionRegistry.Get(system);
        var registered = new List<PartitionStatus>();
        try
        {
            var services = Services(system);
            var region = await StartRegionAsync(system, AnalyticsKinds.Customer, Customers(services, partitions).EntityProps, partitions, cancellationToken).ConfigureAwait(false);
            registered.AddRange(Enumerable.Range(0, partitions).Select(p => registry.Register(AnalyticsKinds.Customer, p, DateTimeOffset.UtcNow)));
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var epochs = registered.Select(s => s.Epoch).ToArray();
            Func<long, object> tombstone = id => new UpdateDetails(new CustomerId(id), null);
            var driver = system.ActorOf(Props.Create<FreshDriver>(region, epochs, entities, tombstone, window, done), "fresh-driver");
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var measurement = await Measurement.TimeAsync(async () =>
            {
                driver.Tell(EntityDriver.Go.Instance);
                await Measurement.WithinLimitAsync(done.Task, cancellationToken).ConfigureAwait(false);
                return entities;
            }).ConfigureAwait(false);
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(region);
            return measurement with { BytesPerActor = (after - before) / (double)entities };
        }
        finally
        {
            await StopAsync(system, registry, registered).ConfigureAwait(false);
        }
    }

    private static async Task<Measurement> DriveAsync(
        string kind, Func<EntityServices, Func<string, Props>> entityProps, PartitionWork[] work, int window, CancellationToken cancellationToken)
    {
        var system = await BenchmarkCluster.StartAsync(cancellationToken).ConfigureAwait(false);
        var registry = PartitionRegistry.Get(system);
        var registered = new List<PartitionStatus>();
        try
        {
            var region = await StartRegionAsync(system, kind, entityProps(Services(system)), work.Length, cancellationToken).ConfigureAwait(false);
            registered.AddRange(work.Select(w => registry.Register(kind, w.Partition, DateTimeOffset.UtcNow)));
            return await EntityDrivers.RunAsync(system, region, [.. registered.Select(s => s.Epoch)], work, window, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await StopAsync(system, registry, registered).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts the region the way <see cref="PartitionSharding.StartRegion"/> does, with <see cref="ShardAnchor"/>s where
    /// the partitions' consumers would run, and starts every shard (the consumers' keep-alive) before the clock starts.
    /// </summary>
    private static async Task<IActorRef> StartRegionAsync(
        ActorSystem system, string kind, Func<string, Props> entityProps, int partitions, CancellationToken cancellationToken)
    {
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system);
        var tuning = settings.TuningParameters;
        var region = await sharding.StartAsync(
            kind,
            entityId => PartitionEntityIds.TryParseConsumer(entityId, out _) ? Props.Create<ShardAnchor>() : entityProps(entityId),
            settings,
            new PartitionMessageExtractor(partitions),
            new LeavingAwareAllocationStrategy(tuning.LeastShardAllocationAbsoluteLimit, tuning.LeastShardAllocationRelativeLimit),
            EntityStop.Instance).ConfigureAwait(false);
        for (var partition = 0; partition < partitions; partition++)
        {
            await region.Ask<object>(new ShardRegion.StartEntity(PartitionEntityIds.Consumer(partition)), AskTimeout, cancellationToken)
                .ConfigureAwait(false);
        }

        return region;
    }

    /// <summary>The node-wide services of the entities, with the product's default timeouts.</summary>
    private static EntityServices Services(ActorSystem system) => new()
    {
        Registry = PartitionRegistry.Get(system),
        Metrics = new ShardMetrics(),
        LoggerFactory = NullLoggerFactory.Instance,
        HandoffTimeout = ClusterSettings.Default.HandoffTimeout,
    };

    /// <summary>The product's customer kind over <paramref name="partitions"/> partitions, with the default analytics settings and an empty offers table.</summary>
    private static IPartitionLogic Customers(EntityServices services, int partitions) => AnalyticsKinds.Customers(services, new AnalyticsServices
    {
        Settings = EntitiesSettings.Default,
        Metrics = new EntityMetrics(),
        Offers = new OfferTable(),
        Topics = KafkaTopics.Default,
        CustomerPartitions = partitions,
        MerchantPartitions = partitions,
        LoanPartitions = partitions,
        Time = TimeProvider.System,
    });

    /// <summary>The consumers are gone (so that entities asked to stop for the handoff stop at once); then the node stops.</summary>
    private static async Task StopAsync(ActorSystem system, PartitionRegistry registry, List<PartitionStatus> registered)
    {
        foreach (var status in registered)
        {
            registry.Unregister(status);
        }

        await system.Terminate().ConfigureAwait(false);
    }
}
