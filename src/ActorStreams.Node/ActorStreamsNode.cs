using System.Reflection;
using ActorStreams.Actors;
using ActorStreams.Cluster;
using ActorStreams.Cluster.Membership;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Entities;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Offers;
using ActorStreams.Kafka;
using ActorStreams.Kafka.DeadLetters;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Node.Admin;
using ActorStreams.Node.Internal;
using ActorStreams.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Node;

/// <summary>
/// One cluster node (docs/design.md §1–§3): it joins the cluster's consumer group, hosts the customer and merchant
/// shards of the partitions it is assigned, keeps the offers table, writes outputs to Kafka and checkpoints to the
/// store. It publishes heartbeats to the members topic, follows the membership of the cluster, reports cluster events
/// and serves the admin API (docs/admin-api.md). Start it with <see cref="StartAsync"/>; <see cref="StopAsync"/> (or
/// a leave request through the admin API, <see cref="RequestLeave"/>) leaves the group with a handoff.
/// </summary>
public sealed partial class ActorStreamsNode : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _leaveRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PartitionedSource? _source;
    private GlobalTableReader? _offersReader;
    private GlobalTableReader? _membersReader;
    private MetricsReporter? _reporter;
    private AdminServer? _admin;
    private Task? _heartbeatTrigger;
    private int _stopping;

    private ActorStreamsNode(NodeOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        Config = options.Config;
        LoggerFactory = loggerFactory;
        Time = time;
        _logger = loggerFactory.CreateLogger<ActorStreamsNode>();
        Kafka = KafkaSettings.Create(Config);
        Cluster = ClusterSettings.Create(Config);
        Analytics = EntitiesSettings.Create(Config);
        Settings = NodeSettings.Create(Config);
        NodeId = Cluster.EffectiveNodeId();
        StartedAt = time.GetUtcNow();
        Events = new ClusterEventBus(NodeId, time, loggerFactory.CreateLogger<ClusterEventBus>());
        Membership = new MembershipView(Cluster.GroupId, Cluster.HeartbeatInterval, time, Events, loggerFactory.CreateLogger<MembershipView>());
    }

    /// <summary>The ActorStreams version nodes report (<c>version</c> of heartbeats and <c>/api/cluster</c>).</summary>
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

    /// <summary>Completes (faulted) when the node hit an error it cannot continue after; the host should stop it.</summary>
    public Task Faulted => _faulted.Task;

    /// <summary>
    /// Completes when a graceful leave was requested through the admin API (<c>POST /api/cluster/leave/{node-id}</c>);
    /// the node then stops by itself (<see cref="Stopped"/>), and its host should exit normally.
    /// </summary>
    public Task LeaveRequested => _leaveRequested.Task;

    /// <summary>Completes when the node has stopped (after <see cref="StopAsync"/> or a leave request); faulted when the stop failed.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Whether the node is stopping or stopped (<c>/health</c> answers 503 <c>stopping</c>).</summary>
    public bool IsStopping => Volatile.Read(ref _stopping) != 0;

    /// <summary>The admin API's address, <c>host:port</c> (the bound port when <c>actorstreams.http.port</c> is 0).</summary>
    public string HttpAddress { get; private set; } = string.Empty;

    /// <summary>Partitions of the customer-keyed topics (<c>transactions</c> and its co-partitioned topics).</summary>
    public int CustomerPartitions { get; private set; }

    /// <summary>Partitions of the merchant repartition topic.</summary>
    public int MerchantPartitions { get; private set; }

    /// <summary>The cluster's members, as the members topic tells them.</summary>
    public MembershipView Membership { get; }

    /// <summary>This node's cluster events (membership changes, its rebalances, its leave); the last 100 are remembered.</summary>
    public ClusterEventBus Events { get; }

    /// <summary>The node's actor system.</summary>
    public ActorSystem System { get; private set; } = null!;

    /// <summary>The shard region (owned shards).</summary>
    public ShardRegion Region { get; private set; } = null!;

    /// <summary>The state store.</summary>
    public IStateStore Store { get; private set; } = null!;

    /// <summary>Kafka counters (source and sink).</summary>
    public KafkaMetrics KafkaMetrics { get; } = new();

    /// <summary>Sharding counters.</summary>
    public ShardMetrics ShardMetrics { get; } = new();

    /// <summary>Analytics counters.</summary>
    public EntityMetrics EntityMetrics { get; } = new();

    /// <summary>The offers table.</summary>
    public OfferTable Offers { get; } = new();

    internal ILoggerFactory LoggerFactory { get; }

    internal TimeProvider Time { get; }

    /// <summary>The heartbeat publisher, once started.</summary>
    internal HeartbeatPublisher? Heartbeats { get; private set; }

    private KafkaSink? Sink { get; set; }

    /// <summary>
    /// Starts a node: checks the topics, opens the store, reads the offers table to its end, then joins the group.
    /// </summary>
    /// <exception cref="ActorStreamsException">A topic is missing, co-partitioned topics differ, or the store cannot be opened.</exception>
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

    /// <summary>The consumer lag of every partition this node owns (never blocks: cached end offsets).</summary>
    public IReadOnlyList<PartitionLag> Lag() => _source?.Lag() ?? [];

    /// <summary>The node's counters now.</summary>
    public NodeStatus Status() => new()
    {
        NodeId = NodeId,
        StartedAt = StartedAt,
        EventsIn = KafkaMetrics.EventsInByTopic,
        FraudAlerts = EntityMetrics.AlertsByRule,
        ChurnAlerts = EntityMetrics.ChurnAlerts,
        EnrichedRecords = EntityMetrics.EnrichedRecords + EntityMetrics.ReEmittedRecords,
        MerchantMetrics = EntityMetrics.MerchantMetrics,
        LateTransactions = EntityMetrics.LateTransactions,
        MerchantLateEvents = EntityMetrics.MerchantLateEvents,
        DeadLetters = ShardMetrics.DeadLettered + KafkaMetrics.DeadLettered,
        MisroutedRecords = KafkaMetrics.MisroutedRecords,
        RecordsLostToRetention = KafkaMetrics.RecordsLostToRetention,
        ActiveEntities = ShardMetrics.ActiveEntities,
        Passivations = ShardMetrics.EntitiesPassivated,
        Checkpoints = ShardMetrics.Checkpoints,
        InFlight = KafkaMetrics.InFlight,
        Produced = KafkaMetrics.Produced,
        Shards = Region is null ? [] : [.. Region.OwnedShards.Select(s => s.ToString())],
    };

    /// <summary>
    /// Leaves the cluster gracefully: the node publishes <c>leaving</c>, the consumer group revokes its partitions and
    /// each shard writes a final checkpoint (its outputs delivered first), then the node writes its tombstone to the
    /// members topic, the producer flushes, the actor system terminates and the admin API stops last. Every call
    /// returns the same task (<see cref="Stopped"/>).
    /// </summary>
    public Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 0)
        {
            _ = StopAndCompleteAsync();
        }

        return _stopped.Task;
    }

    /// <summary>
    /// Asks the node to leave the cluster gracefully (what <c>POST /api/cluster/leave/{node-id}</c> does): completes
    /// <see cref="LeaveRequested"/> and starts <see cref="StopAsync"/> in the background.
    /// </summary>
    public void RequestLeave()
    {
        if (_leaveRequested.TrySetResult())
        {
            LogLeaveRequested(_logger, NodeId);
            _ = Task.Run(StopAsync);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var topics = Kafka.Topics;
        var counts = TopicMetadata.PartitionCounts(Kafka, TimeSpan.FromSeconds(15));
        string[] required = [topics.Transactions, topics.CustomerActivity, topics.CustomerDetails, topics.LoanApplications, topics.CustomerOffers, topics.RepartitionMerchant, topics.Members];
        var missing = required.Where(t => !counts.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new ActorStreamsException(
                $"topic(s) {string.Join(", ", missing)} do not exist on {Kafka.BootstrapServers}: create them with the same partition count as {topics.Transactions} (the dev broker, `./actorstreams broker`, creates them all)");
        }

        var customerPartitions = CustomerPartitions = counts[topics.Transactions];
        var merchantPartitions = MerchantPartitions = counts[topics.RepartitionMerchant];
        LogStarting(_logger, NodeId, Kafka.BootstrapServers, Cluster.GroupId, customerPartitions, merchantPartitions, KafkaNative.Version, KafkaNative.LibraryPath);

        System = ActorSystem.Create("actorstreams", ActorSystemSettings.Create(Config), Time, LoggerFactory);
        Sink = new KafkaSink(Kafka, KafkaMetrics, LoggerFactory.CreateLogger<KafkaSink>(), NodeId);
        Sink.Faulted += (_, fault) => Fail(fault);
        Store = StoreFactory.Create(Settings.StoreUri);
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);

        _offersReader = new GlobalTableReader(Kafka, topics.CustomerOffers, OnOfferRecord, LoggerFactory.CreateLogger<GlobalTableReader>());
        await _offersReader.StartAsync(cancellationToken).ConfigureAwait(false);
        LogOffersLoaded(_logger, Offers.Count);

        _membersReader = new GlobalTableReader(Kafka, topics.Members, Membership.OnRecord, LoggerFactory.CreateLogger<GlobalTableReader>());
        await _membersReader.StartAsync(cancellationToken).ConfigureAwait(false);
        Membership.MarkCaughtUp();

        var services = new ShardServices
        {
            Settings = Cluster,
            Kafka = Kafka,
            Sink = Sink,
            Store = Store,
            Time = Time,
            Metrics = ShardMetrics,
            LoggerFactory = LoggerFactory,
            CommitOffsets = offsets => _source?.CommitAsync(offsets) ?? Task.CompletedTask,
            OnShardFault = (shard, fault) => Fail(new ActorStreamsException($"shard {shard} faulted: {fault.Message}", fault)),
            OwnedShardCount = () => Region?.OwnedShardCount ?? 1,
            Pacer = new CheckpointPacer(Cluster, Time),
            Events = Events,
        };
        var analytics = new AnalyticsServices
        {
            Settings = Analytics,
            Metrics = EntityMetrics,
            Offers = Offers,
            CustomerPartitions = customerPartitions,
            MerchantPartitions = merchantPartitions,
        };
        Region = new ShardRegion(System, services, EntityShards.Registrations(services, analytics));
        _source = new PartitionedSource(Kafka, Cluster.GroupId, Cluster.SessionTimeout, Region.Topics, Region, new PartitionedSourceOptions
        {
            Hooks = Region.Hooks,
            Metrics = KafkaMetrics,
            DeadLetters = new DeadLetterWriter(Sink, topics.DeadLetter, Time),
            Logger = LoggerFactory.CreateLogger<PartitionedSource>(),
            ClientIdSuffix = NodeId,
            RebalanceTimeout = Cluster.RebalanceTimeout,
        });
        // The admin API binds before the node joins the group, so that a port in use fails the start before any rebalance.
        _admin = await AdminServer.StartAsync(this, cancellationToken).ConfigureAwait(false);
        HttpAddress = _admin.Address;
        _source.Start();
        StartHeartbeats();
        _ = _source.Completion.ContinueWith(
            t => Fail(t.Exception!.InnerException ?? t.Exception),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
        if (Settings.MetricsLogInterval > TimeSpan.Zero)
        {
            _reporter = new MetricsReporter(this, Settings.MetricsLogInterval, LoggerFactory.CreateLogger<MetricsReporter>());
        }

        LogStarted(_logger, NodeId, Store.Description, Offers.Count, HttpAddress);
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
                ShardMetrics.DeadLetter();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} starting: bootstrap {Bootstrap}, group {Group}, {CustomerPartitions} customer and {MerchantPartitions} merchant partitions; librdkafka {LibrdkafkaVersion} from {LibrdkafkaPath}")]
    private static partial void LogStarting(ILogger logger, string nodeId, string bootstrap, string group, int customerPartitions, int merchantPartitions, string librdkafkaVersion, string librdkafkaPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "offers table loaded: {Count} offers")]
    private static partial void LogOffersLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} started (store {Store}, {Offers} offers, admin API on http://{Address})")]
    private static partial void LogStarted(ILogger logger, string nodeId, string store, int offers, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} leaving the cluster: handing off its shards")]
    private static partial void LogStopping(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} stopped")]
    private static partial void LogStopped(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "customer-offers[{Partition}]@{Offset} is invalid and goes to the dead-letter topic: {Error}")]
    private static partial void LogBadOffer(ILogger logger, int partition, long offset, string error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "node {NodeId} faulted; stop it (its partitions move to other nodes)")]
    private static partial void LogFaulted(ILogger logger, Exception exception, string nodeId);
}
