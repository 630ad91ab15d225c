using System.Reflection;
using ActorStreams.Cluster;
using ActorStreams.Cluster.Membership;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Elasticsearch;
using ActorStreams.Entities;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Offers;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.DeadLetters;
using ActorStreams.Kafka.Producer;
using ActorStreams.Lake;
using ActorStreams.Lake.Storage;
using ActorStreams.Node.Admin;
using ActorStreams.Node.Churn;
using ActorStreams.Node.Internal;
using ActorStreams.Node.Lake;
using ActorStreams.Persistence;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Node;

/// <summary>
/// One cluster node (docs/design.md §1–§4), the composition root: an Akka.NET actor system configured from the node's
/// one configuration tree, joined to the cluster through its seed nodes (or alone); the customer and merchant shard
/// regions, whose shards are Kafka partitions run by their consumers; the node's Kafka consumer and producer; the offers
/// table; membership and cluster events; the admin API (docs/admin-api.md). <see cref="StopAsync"/> leaves the cluster
/// through Akka's CoordinatedShutdown: partitions are handed off with their final checkpoints.
/// </summary>
public sealed partial class ActorStreamsNode : IAsyncDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MembershipInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RelayFlushTimeout = TimeSpan.FromSeconds(3);

    private readonly ILogger _logger;
    private readonly TaskCompletionSource _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _leaveRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TemporaryStore? _temporaryStore;
    private KafkaConsumerHost? _consumer;
    private GlobalTableReader? _offersReader;
    private MetricsReporter? _reporter;
    private AdminServer? _admin;
    private int _started;
    private ILakeStorage? _lakeStorage;
    private ManagementEndpoint? _management;
    private PartitionEvents? _partitionEvents;
    private IActorRef? _keepAlive;
    private IActorRef? _membership;
    private int _stopping;
    private readonly TimeProvider _jobsTime;

    private ActorStreamsNode(NodeOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _jobsTime = options.JobsTime ?? time;
        Config = options.Config;
        LoggerFactory = loggerFactory;
        Time = time;
        _logger = loggerFactory.CreateLogger<ActorStreamsNode>();
        Kafka = KafkaSettings.Create(Config);
        Cluster = ClusterSettings.Create(Config);
        Analytics = EntitiesSettings.Create(Config);
        Settings = NodeSettings.Create(Config);
        Elasticsearch = ElasticsearchSettings.Create(Config);
        Lake = LakeSettings.Create(Config);
        Jobs = Warehouse.Jobs.JobsSettings.Create(Config);
        NodeId = Cluster.EffectiveNodeId();
        if (Lake.Enabled)
        {
            try
            {
                LakePaths.ValidateNodeId(NodeId);
            }
            catch (ArgumentException ex)
            {
                throw new Hocon.ConfigBadValueException("actorstreams.cluster.node-id", $"actorstreams.cluster.node-id: {ex.Message} (the lake is on: actorstreams.lake.uri)", origin: null);
            }
        }

        ChurnModel = StartChurnModel(Config, Analytics.Customer.Behaviour, time, loggerFactory);
        var store = StoreFactory.Locate(Settings.StoreUri);
        if (store.Kind == StoreKind.Temporary)
        {
            // Its own SQLite file for this run, deleted when the node has stopped.
            _temporaryStore = TemporaryStore.Create(NodeId);
            store = StoreFactory.Locate(_temporaryStore.Uri);
        }

        Store = store;
        StartedAt = time.GetUtcNow();
        Events = new ClusterEventBus(NodeId, time, loggerFactory.CreateLogger<ClusterEventBus>());
    }

    /// <summary>The churn model scoring customers' behaviour (<c>actorstreams.churn.model</c>), or null when none is configured.</summary>
    public ChurnModelScoring? ChurnModel { get; }

    /// <summary>The ActorStreams version nodes report (<c>version</c> of <c>/api/cluster</c>).</summary>
    public static string Version { get; } =
        (typeof(ActorStreamsNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>This node's id.</summary>
    public string NodeId { get; }

    /// <summary>When the node started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The resolved configuration.</summary>
    public Hocon.Config Config { get; }

    /// <summary>Kafka settings.</summary>
    public KafkaSettings Kafka { get; }

    /// <summary>Cluster settings.</summary>
    public ClusterSettings Cluster { get; }

    /// <summary>Analytics settings.</summary>
    public EntitiesSettings Analytics { get; }

    /// <summary>Store, HTTP and metrics settings.</summary>
    public NodeSettings Settings { get; }

    /// <summary>Where the partition ledgers live.</summary>
    public StoreLocation Store { get; }

    /// <summary>Completes (faulted) when the node hit an error it cannot continue after; the host should stop it.</summary>
    public Task Faulted => _faulted.Task;

    /// <summary>
    /// Completes when this node was asked to leave: through its own admin API, or by the cluster (another node's
    /// <c>cluster leave</c>, Akka's <c>Cluster.Leave</c>); the node then stops by itself (<see cref="Stopped"/>).
    /// </summary>
    public Task LeaveRequested => _leaveRequested.Task;

    /// <summary>Completes when the node has stopped: its actor system terminated (a leave, <see cref="StopAsync"/>, or being downed).</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Why the node's actor system shut down, once it has (e.g. <see cref="ActorStreams.Cluster.Partitions.PartitionTakenOver"/>); null before.</summary>
    public Akka.Actor.CoordinatedShutdown.Reason? StopReason => System is null ? null : Akka.Actor.CoordinatedShutdown.Get(System).ShutdownReason;

    /// <summary>
    /// True once the node has joined the cluster and started its partition regions; its admin API answers before (from
    /// before it joins), with <c>/health</c> 503 <c>starting</c>, so that probes do not count it ready too early.
    /// </summary>
    public bool IsStarted => Volatile.Read(ref _started) != 0;

    /// <summary>Whether the node is stopping or stopped (<c>/health</c> answers 503 <c>stopping</c>).</summary>
    public bool IsStopping => Volatile.Read(ref _stopping) != 0 || (System?.WhenTerminated.IsCompleted ?? false);

    /// <summary>The admin API's address, <c>host:port</c> (the bound port when <c>actorstreams.http.port</c> is 0).</summary>
    public string HttpAddress { get; private set; } = string.Empty;

    /// <summary>This node's Akka address (<c>akka.tcp://actorstreams@host:port</c>), what <c>--seed</c> of another node names.</summary>
    public string AkkaAddress { get; private set; } = string.Empty;

    /// <summary>Partitions of the customer-keyed topics (<c>transactions</c> and its co-partitioned topics).</summary>
    public int CustomerPartitions { get; private set; }

    /// <summary>Partitions of the merchant repartition topic.</summary>
    public int MerchantPartitions { get; private set; }

    /// <summary>Partitions of the loan repartition topic (the loan shards), known once started.</summary>
    public int LoanPartitions { get; private set; }

    /// <summary>The cluster's members as this node sees them.</summary>
    public MembershipView Membership { get; } = new();

    /// <summary>This node's cluster events (membership changes, the handoffs of every node, leaves); the last 100 are remembered.</summary>
    public ClusterEventBus Events { get; }

    /// <summary>The node's actor system.</summary>
    public ActorSystem System { get; private set; } = null!;

    /// <summary>The partition consumers running on this node.</summary>
    public PartitionRegistry Partitions => PartitionRegistry.Get(System);

    /// <summary>Kafka counters (consumer and producer).</summary>
    public KafkaMetrics KafkaMetrics { get; } = new();

    /// <summary>Entity and checkpoint counters.</summary>
    public ShardMetrics ShardMetrics { get; } = new();

    /// <summary>Analytics counters.</summary>
    public EntityMetrics EntityMetrics { get; } = new();

    /// <summary>The offers table.</summary>
    public OfferTable Offers { get; } = new();

    internal ILoggerFactory LoggerFactory { get; }

    internal TimeProvider Time { get; }

    private KafkaSink? Sink { get; set; }

    /// <summary>The Elasticsearch sink's settings (<c>actorstreams.elasticsearch</c>).</summary>
    public ElasticsearchSettings Elasticsearch { get; }

    /// <summary>The lake sink's settings (<c>actorstreams.lake</c>).</summary>
    public LakeSettings Lake { get; }

    /// <summary>The node's lake sink, or null when the lake is off.</summary>
    public LakeArchives? LakeSink { get; private set; }

    /// <summary>The node's Elasticsearch indexer, or null when the sink is off.</summary>
    public ElasticsearchIndexer? Indexer { get; private set; }

    /// <summary>
    /// Starts a node: checks the topics, prepares the store, starts the actor system and joins the cluster, reads the
    /// offers table to its end, then starts the shard regions and keeps every partition's consumer running.
    /// </summary>
    /// <exception cref="ActorStreamsException">A topic is missing, co-partitioned topics differ, the store cannot be opened, or the cluster cannot be joined.</exception>
    public static async Task<ActorStreamsNode> StartAsync(NodeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var node = new ActorStreamsNode(options, options.LoggerFactory ?? NullLoggerFactory.Instance, options.Time ?? TimeProvider.System);
        try
        {
            await node.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The lag of every input partition this node reads (never blocks: positions and end offsets as last seen).</summary>
    public IReadOnlyList<PartitionLag> Lag()
    {
        if (_consumer is not { } consumer || System is null)
        {
            return [];
        }

        var running = Partitions.Running;
        return [.. consumer.Positions().Select(p =>
        {
            var completed = running.FirstOrDefault(s => s.Partition == p.Partition.Partition && s.CompletedOffsets.ContainsKey(p.Partition.Topic)) is { } status
                ? status.CompletedOffsets[p.Partition.Topic]
                : (long?)null;
            return p with { Completed = completed };
        })];
    }

    /// <summary>The node's counters now.</summary>
    public NodeStatus Status() => new()
    {
        NodeId = NodeId,
        StartedAt = StartedAt,
        EventsIn = KafkaMetrics.EventsInByTopic,
        FraudAlerts = EntityMetrics.AlertsByRule,
        ChurnAlerts = EntityMetrics.ChurnAlerts,
        ModelScores = EntityMetrics.ModelScores,
        ChurnModelAlerts = EntityMetrics.ChurnModelAlerts,
        ChurnModelName = ChurnModel?.ModelName,
        ChurnModelVersion = ChurnModel?.Version,
        EnrichedRecords = EntityMetrics.EnrichedRecords + EntityMetrics.ReEmittedRecords,
        MerchantMetrics = EntityMetrics.MerchantMetrics,
        LoanApplications = EntityMetrics.LoanApplications,
        LoanFraudAlerts = EntityMetrics.LoanFraudAlerts,
        LoanChannelWindows = EntityMetrics.LoanChannelWindows,
        LoanSegmentWindows = EntityMetrics.LoanSegmentWindows,
        LateTransactions = EntityMetrics.LateTransactions,
        MerchantLateEvents = EntityMetrics.MerchantLateEvents,
        Duplicates = EntityMetrics.Duplicates,
        Processed = EntityMetrics.Transactions + EntityMetrics.Activities + EntityMetrics.Details + EntityMetrics.LoanApplications,
        DeadLetters = ShardMetrics.DeadLettered + KafkaMetrics.DeadLettered,
        DeadLettersByTopic = ShardMetrics.DeadLetteredByTopic,
        MisroutedRecords = KafkaMetrics.MisroutedRecords,
        RecordsLostToRetention = KafkaMetrics.RecordsLostToRetention,
        ActiveEntities = ShardMetrics.ActiveEntities,
        Passivations = ShardMetrics.EntitiesPassivated,
        Checkpoints = ShardMetrics.Checkpoints,
        CheckpointFailures = ShardMetrics.CheckpointFailures,
        StoreOutages = ShardMetrics.StoreOutages,
        LedgersLost = ShardMetrics.LedgersLost,
        StoreUnavailable = ShardMetrics.IsStoreUnavailable,
        InFlight = KafkaMetrics.InFlight,
        Produced = KafkaMetrics.Produced,
        RemoteDeliveries = ShardMetrics.RemoteDeliveries,
        Shards = System is null ? [] : [.. Partitions.Running.Select(s => $"{s.Kind}/{s.Partition}")],
    };

    /// <summary>
    /// Leaves the cluster gracefully through Akka's CoordinatedShutdown: the node leaves, its partitions are handed off
    /// (each consumer writes a final checkpoint after its outputs are delivered), the actor system terminates, then the
    /// Kafka clients close and the admin API stops last. Every call returns the same task (<see cref="Stopped"/>).
    /// </summary>
    public Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 0)
        {
            if (System is { } system)
            {
                _ = Akka.Actor.CoordinatedShutdown.Get(system).Run(Akka.Actor.CoordinatedShutdown.ClusterLeavingReason.Instance);
            }
            else
            {
                _ = CloseAsync();
            }
        }

        return _stopped.Task;
    }

    /// <summary>
    /// Asks the node to leave the cluster gracefully (what <c>POST /api/cluster/leave/{node-id}</c> does for this node):
    /// completes <see cref="LeaveRequested"/> and starts <see cref="StopAsync"/>.
    /// </summary>
    public void RequestLeave()
    {
        if (_leaveRequested.TrySetResult())
        {
            LogLeaveRequested(_logger, NodeId);
            _ = StopAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var topics = Kafka.Topics;
        var counts = TopicMetadata.PartitionCounts(Kafka, TimeSpan.FromSeconds(15));
        string[] required = [topics.Transactions, topics.CustomerActivity, topics.CustomerDetails, topics.LoanApplications, topics.CustomerEvents, topics.CustomerOffers, topics.RepartitionMerchant, topics.RepartitionLoans];
        var missing = required.Where(t => !counts.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new ActorStreamsException(
                $"topic(s) {string.Join(", ", missing)} do not exist on {Kafka.BootstrapServers}: create them with the same partition count as {topics.Transactions} (the dev broker, `./actorstreams broker`, creates them all)");
        }

        CoPartitioning.Verify(Kafka, Kafka.CoPartitionedTopics, counts);
        CustomerPartitions = counts[topics.Transactions];
        MerchantPartitions = counts[topics.RepartitionMerchant];
        LoanPartitions = counts[topics.RepartitionLoans];
        LogStarting(_logger, NodeId, Kafka.BootstrapServers, CustomerPartitions, MerchantPartitions, LoanPartitions, KafkaNative.Version, KafkaNative.LibraryPath);

        StoreConfiguration.Prepare(Store);
        var setup = BootstrapSetup.Create().WithConfig(AkkaConfiguration.Build(Config, Store)).And(new LoggingSetup(LoggerFactory));
        if (StoreConfiguration.AkkaSetup(Store) is { } storeSetup)
        {
            setup = setup.And(storeSetup);
        }

        System = ActorSystem.Create("actorstreams", setup);
        _ = System.WhenTerminated.ContinueWith(_ => CloseAsync(), TaskScheduler.Default);
        var cluster = Akka.Cluster.Cluster.Get(System);
        AkkaAddress = cluster.SelfAddress.ToString();

        Sink = new KafkaSink(Kafka, KafkaMetrics, LoggerFactory.CreateLogger<KafkaSink>(), NodeId);
        Sink.Faulted += (_, fault) => Fail(fault);
        _consumer = new KafkaConsumerHost(Kafka, Cluster.GroupId, KafkaMetrics, LoggerFactory.CreateLogger<KafkaConsumerHost>(), NodeId, Time);
        _consumer.Start();
        _ = _consumer.Completion.ContinueWith(
            t => Fail(t.Exception!.InnerException ?? t.Exception),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);

        var secondary = await StartElasticsearchAsync(topics, cancellationToken).ConfigureAwait(false);
        _offersReader = new GlobalTableReader(Kafka, topics.CustomerOffers, OnOfferRecord, LoggerFactory.CreateLogger<GlobalTableReader>());
        await _offersReader.StartAsync(cancellationToken).ConfigureAwait(false);
        LogOffersLoaded(_logger, Offers.Count);

        // The admin API binds before the node joins, so that a port in use fails the start before the cluster sees it.
        _admin = await AdminServer.StartAsync(this, cancellationToken).ConfigureAwait(false);
        HttpAddress = _admin.Address;
        await JoinAsync(cluster, cancellationToken).ConfigureAwait(false);

        _membership = System.ActorOf(MembershipActor.Props(Events, Membership, LocalInfo, MembershipInterval, Time), MembershipActor.Name);
        _partitionEvents = new PartitionEvents(Events, () => _membership);
        if (Lake.Enabled)
        {
            _lakeStorage = LakeStorage.Open(Lake);
            LakeSink = new LakeArchives(_lakeStorage, Lake, new LakeRoutes(topics), NodeId, Time, LoggerFactory);
            LogLake(_logger, NodeId, _lakeStorage.Description);
        }

        var partitionServices = new PartitionServices
        {
            NodeId = NodeId,
            Cluster = Cluster,
            Kafka = Kafka,
            Consumer = _consumer,
            Producer = Sink,
            Ledger = Settings.Ledger,
            Pacer = new CheckpointPacer(Cluster, Time),
            ShardMetrics = ShardMetrics,
            KafkaMetrics = KafkaMetrics,
            LoggerFactory = LoggerFactory,
            Time = Time,
            Observer = _partitionEvents,
            SecondarySink = secondary,
            Archives = LakeSink,
        };
        var entityServices = new EntityServices
        {
            Registry = PartitionRegistry.Get(System),
            Metrics = ShardMetrics,
            LoggerFactory = LoggerFactory,
            HandoffTimeout = Cluster.HandoffTimeout,
        };
        var analytics = new AnalyticsServices
        {
            Settings = Analytics,
            Metrics = EntityMetrics,
            Offers = Offers,
            Topics = topics,
            CustomerPartitions = CustomerPartitions,
            MerchantPartitions = MerchantPartitions,
            LoanPartitions = LoanPartitions,
            ChurnModel = ChurnModel,
            Time = Time,
        };
        var customers = PartitionSharding.StartRegion(System, AnalyticsKinds.Customers(entityServices, analytics), CustomerPartitions, partitionServices);
        var merchants = PartitionSharding.StartRegion(System, AnalyticsKinds.Merchants(entityServices, analytics), MerchantPartitions, partitionServices);
        var loans = PartitionSharding.StartRegion(System, AnalyticsKinds.Loans(entityServices, analytics), LoanPartitions, partitionServices);
        _keepAlive = System.ActorOf(
            ConsumerKeepAlive.Props([(customers, CustomerPartitions), (merchants, MerchantPartitions), (loans, LoanPartitions)], partitionServices, Store.Description),
            "partition-keep-alive");
        StartJobs(_jobsTime);
        RegisterShutdownTasks();
        if (Settings.MetricsLogInterval > TimeSpan.Zero)
        {
            _reporter = new MetricsReporter(this, Settings.MetricsLogInterval, LoggerFactory.CreateLogger<MetricsReporter>());
        }

        Volatile.Write(ref _started, 1);
        LogStarted(_logger, NodeId, AkkaAddress, Store.Description, Offers.Count, HttpAddress);
    }

    /// <summary>
    /// Joins the cluster and waits until this member is up: through the seed nodes of <c>akka.cluster.seed-nodes</c> (Akka
    /// joins them at start) or alone without any; or, with <c>actorstreams.cluster.discovery</c> = <c>kubernetes-api</c> or
    /// <c>config</c>, through Akka.Management's cluster bootstrap, whose HTTP endpoint it starts first.
    /// </summary>
    private async Task JoinAsync(Akka.Cluster.Cluster cluster, CancellationToken cancellationToken)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        var seeds = cluster.Settings.SeedNodes;
        string through;
        if (Cluster.Discovery != ClusterDiscovery.SeedNodes)
        {
            var method = ClusterBootstrapConfiguration.MethodName(Cluster.Discovery);
            through = $"cluster bootstrap (discovery {method}, service {Cluster.Bootstrap.ServiceName}, {Cluster.Bootstrap.RequiredContactPoints} contact points required)";
            var hostname = Config.GetString("akka.remote.dot-netty.tcp.hostname", "127.0.0.1");
            _management = await ManagementEndpoint.StartAsync(System, Cluster.Bootstrap, hostname, LoggerFactory, cancellationToken).ConfigureAwait(false);
            LogManagementStarted(_logger, NodeId, _management.SelfUri.ToString(), method);
            await Akka.Management.Cluster.Bootstrap.ClusterBootstrap.Get(System).Start().ConfigureAwait(false);
        }
        else
        {
            through = seeds.Count == 0 ? "itself" : string.Join(", ", seeds);
            if (seeds.Count == 0)
            {
                cluster.Join(cluster.SelfAddress);
            }
        }

        try
        {
            await up.Task.WaitAsync(JoinTimeout, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            var hint = Cluster.Discovery == ClusterDiscovery.SeedNodes
                ? "is a seed node running at that address?"
                : "are enough of the other nodes' management endpoints reachable (actorstreams.cluster.bootstrap.required-contact-points)?";
            throw new ActorStreamsException(
                $"node {NodeId} ({cluster.SelfAddress}) could not join the cluster through {through} within {JoinTimeout.TotalSeconds:0} s; {hint}", ex);
        }

        LogJoined(_logger, NodeId, cluster.SelfAddress.ToString(), through);
    }

    /// <summary>
    /// The node's part of CoordinatedShutdown: it tells the others it leaves, then leaves first (<see cref="GracefulLeave"/>);
    /// once its partitions are handed off, it makes sure the other members heard of it (<see cref="MembershipActor.FlushRelays"/>).
    /// </summary>
    private void RegisterShutdownTasks()
    {
        Akka.Actor.CoordinatedShutdown.Get(System).AddTask(Akka.Actor.CoordinatedShutdown.PhaseClusterLeave, "actorstreams-relay-events", async () =>
        {
            if (_membership is { } membership)
            {
                await membership.Ask<Akka.Done>(new MembershipActor.FlushRelays(RelayFlushTimeout), RelayFlushTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }

            return Akka.Done.Instance;
        });
        GracefulLeave.Register(System, () => _keepAlive, () =>
        {
            var requestedHere = Interlocked.Exchange(ref _stopping, 1) != 0;
            if (!requestedHere && Akka.Actor.CoordinatedShutdown.Get(System).ShutdownReason is Akka.Actor.CoordinatedShutdown.ClusterLeavingReason)
            {
                // Another member (or Akka's Cluster.Leave) made this node leave.
                _leaveRequested.TrySetResult();
            }

            LogStopping(_logger, NodeId);
            _partitionEvents?.Publish(new NodeLeaving(NodeId, Time.GetUtcNow()));
        }, Time);
    }

    /// <summary>
    /// With <c>actorstreams.elasticsearch.url</c> set: installs the index templates and starts the indexer whose flow
    /// follows every pipeline's Kafka stage; null when the sink is off.
    /// </summary>
    /// <exception cref="ElasticsearchSinkException">The cluster cannot be reached or rejected a template.</exception>
    private async Task<ElasticsearchWriter?> StartElasticsearchAsync(KafkaTopics topics, CancellationToken cancellationToken)
    {
        if (!Elasticsearch.Enabled)
        {
            return null;
        }

        var deadLetters = new DeadLetterWriter(Sink!, topics.DeadLetter, Time);
        var routes = ElasticsearchWriter.Routes(Elasticsearch, topics);
        var indexer = new ElasticsearchIndexer(
            Elasticsearch,
            ElasticsearchWriter.OnDone,
            (document, error, ct) => deadLetters.WriteAsync(
                DeadLetterRecord.Create(document.SourceTopic, -1, -1, document.Key, document.Body, error, Time.GetUtcNow()), document.Key, ct),
            LoggerFactory.CreateLogger<ElasticsearchIndexer>(),
            Time);
        Indexer = indexer;
        await indexer.StartAsync(cancellationToken).ConfigureAwait(false);
        _ = indexer.Completion.ContinueWith(
            t => Fail(t.Exception!.InnerException ?? t.Exception),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
        LogElasticsearch(_logger, WithoutUserInfo(indexer.Url), string.Join(", ", routes.Select(r => $"{r.Key} -> {r.Value.Index}")));
        return new ElasticsearchWriter(indexer, routes);
    }

    /// <summary>The configured churn model, loaded and watched; null when <c>actorstreams.churn.model</c> is empty.</summary>
    /// <exception cref="Hocon.ConfigBadValueException">The model does not load, or the check interval is not positive.</exception>
    private static ChurnModelScoring? StartChurnModel(Hocon.Config config, Domain.Behaviour.BehaviourSettings features, TimeProvider time, ILoggerFactory loggerFactory)
    {
        const string key = "actorstreams.churn.model";
        var path = config.GetString(key, string.Empty).Trim();
        if (path.Length == 0)
        {
            return null;
        }

        var interval = config.GetTimeSpan(key + "-check-interval", TimeSpan.FromSeconds(5));
        if (interval <= TimeSpan.Zero)
        {
            throw new Hocon.ConfigBadValueException(key + "-check-interval", $"{key}-check-interval must be a positive duration, got {interval}", origin: null);
        }

        try
        {
            return ChurnModelScoring.Start(Path.GetFullPath(path), features, interval, time, loggerFactory.CreateLogger<ChurnModelScoring>());
        }
        catch (ActorStreams.Churn.ChurnException e)
        {
            throw new Hocon.ConfigBadValueException(key, $"{key}: {e.Message}", origin: null);
        }
    }

    /// <summary>After the actor system terminated: the Kafka clients close, the admin API stops last.</summary>
    private async Task CloseAsync()
    {
        try
        {
            if (_reporter is { } reporter)
            {
                await reporter.DisposeAsync().ConfigureAwait(false);
            }

            if (_offersReader is { } offers)
            {
                await offers.DisposeAsync().ConfigureAwait(false);
            }

            if (_consumer is { } consumer)
            {
                await consumer.StopAsync().ConfigureAwait(false);
            }

            if (Indexer is { } indexer)
            {
                await indexer.DisposeAsync().ConfigureAwait(false);
            }

            if (Sink is { } sink)
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }

            if (LakeSink is { } lake)
            {
                // The final checkpoints' files; whatever does not make it is written by the partitions' next owners.
                try
                {
                    await lake.WhenPublishedAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    LogLakeUnfinished(_logger, NodeId, 30);
                }
            }

            _lakeStorage?.Dispose();
            ChurnModel?.Dispose();

            _partitionEvents?.Dispose();
            if (_management is { } management)
            {
                await management.DisposeAsync().ConfigureAwait(false);
            }

            if (_admin is { } admin)
            {
                await admin.StopAsync().ConfigureAwait(false);
            }

            _temporaryStore?.Dispose();
            Events.Complete();
            LogStopped(_logger, NodeId);
            _stopped.TrySetResult();
        }
        catch (Exception ex)
        {
            _temporaryStore?.Dispose();
            _stopped.TrySetException(ex);
        }
    }

    private NodeInfo LocalInfo()
    {
        var running = Partitions.Running;
        return new NodeInfo(
            NodeId,
            HttpAddress,
            AkkaAddress,
            [.. running.Where(s => s.Kind == AnalyticsKinds.Customer).Select(s => s.Partition).Order()],
            running.Count,
            running.Sum(s => s.ActiveEntities),
            Lag().Sum(l => l.Lag),
            StartedAt,
            Version,
            Time.GetUtcNow(),
            KafkaMetrics.EventsInByTopic.Values.Sum());
    }

    private void OnOfferRecord(KafkaTableRecord record)
    {
        if (record.Value is null)
        {
            if (record.Key is { } key && RecordKeys.TryParseInt64(key, out var id))
            {
                Offers.Remove(new OfferId(id));
            }

            return;
        }

        if (CustomerOfferDecoder.Shared.TryDecode(record.Value, out var offer, out var error))
        {
            Offers.Upsert(offer);
        }
        else
        {
            LogBadOffer(_logger, record.Partition, record.Offset, error);
            if (Sink is { } sink)
            {
                var letter = DeadLetterRecord.Create(Kafka.Topics.CustomerOffers, record.Partition, record.Offset, record.Key, record.Value, error, Time.GetUtcNow());
                _ = sink.ProduceAsync(Kafka.Topics.DeadLetter, record.Key, letter.ToJsonUtf8()).AsTask();
                ShardMetrics.DeadLetter(Kafka.Topics.CustomerOffers, DecodeFailures.Classify(record.Value));
            }
        }
    }

    private void Fail(Exception fault)
    {
        if (_faulted.TrySetException(fault))
        {
            LogFaulted(_logger, fault, NodeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} starting: bootstrap {Bootstrap}, {CustomerPartitions} customer, {MerchantPartitions} merchant and {LoanPartitions} loan partitions; librdkafka {LibrdkafkaVersion} from {LibrdkafkaPath}")]
    private static partial void LogStarting(ILogger logger, string nodeId, string bootstrap, int customerPartitions, int merchantPartitions, int loanPartitions, string librdkafkaVersion, string librdkafkaPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} at {AkkaAddress} joined the cluster through {Seeds}")]
    private static partial void LogJoined(ILogger logger, string nodeId, string akkaAddress, string seeds);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId}: cluster bootstrap contact point at {Uri}; discovery {Method}")]
    private static partial void LogManagementStarted(ILogger logger, string nodeId, string uri, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "offers table loaded: {Count} offers")]
    private static partial void LogOffersLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} started at {AkkaAddress} (store {Store}, {Offers} offers, admin API on http://{Address})")]
    private static partial void LogStarted(ILogger logger, string nodeId, string akkaAddress, string store, int offers, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} archives its partitions' records and outputs to the lake {Lake}")]
    private static partial void LogLake(ILogger logger, string nodeId, string lake);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {NodeId}: lake files still being written after {Seconds} s; the partitions' next owners write them from their checkpoints")]
    private static partial void LogLakeUnfinished(ILogger logger, string nodeId, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} leaving the cluster: handing off its partitions")]
    private static partial void LogStopping(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} stopped")]
    private static partial void LogStopped(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId}: leave requested through the admin API")]
    private static partial void LogLeaveRequested(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "customer-offers[{Partition}]@{Offset} is invalid and goes to the dead-letter topic: {Error}")]
    private static partial void LogBadOffer(ILogger logger, int partition, long offset, string error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "node {NodeId} faulted; stop it (its partitions move to other nodes)")]
    private static partial void LogFaulted(ILogger logger, Exception exception, string nodeId);

    /// <summary><paramref name="url"/> without credentials written into it (<c>https://user:password@host</c>), for logs.</summary>
    private static Uri WithoutUserInfo(Uri url) =>
        string.IsNullOrEmpty(url.UserInfo) ? url : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;

    [LoggerMessage(Level = LogLevel.Information, Message = "Elasticsearch sink on {Url}: {Routes}")]
    private static partial void LogElasticsearch(ILogger logger, Uri url, string routes);
}
