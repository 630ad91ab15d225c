using ActorStreams.Actors;
using ActorStreams.Cluster;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Entities;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Offers;
using ActorStreams.Kafka;
using ActorStreams.Kafka.DeadLetters;
using ActorStreams.Kafka.Sink;
using ActorStreams.Kafka.Source;
using ActorStreams.Node.Internal;
using ActorStreams.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Node;

/// <summary>
/// One cluster node (DESIGN.md §1–§3): it joins the cluster's consumer group, hosts the customer and merchant
/// shards of the partitions it is assigned, keeps the offers table, writes outputs to Kafka and checkpoints to the
/// store. Start it with <see cref="StartAsync"/>; <see cref="StopAsync"/> leaves the group with a handoff.
/// </summary>
public sealed partial class ActorStreamsNode : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PartitionedSource? _source;
    private GlobalTableReader? _offersReader;
    private MetricsReporter? _reporter;
    private int _stopped;

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
    }

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
    /// Leaves the cluster gracefully: the consumer group revokes this node's partitions, each shard writes a final
    /// checkpoint (its outputs delivered first), then the producer flushes and the actor system terminates.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        LogStopping(_logger, NodeId);
        if (_reporter is { } reporter)
        {
            await reporter.DisposeAsync().ConfigureAwait(false);
        }

        if (_source is { } source)
        {
            await source.StopAsync().ConfigureAwait(false);
        }

        if (_offersReader is { } offers)
        {
            await offers.DisposeAsync().ConfigureAwait(false);
        }

        if (Sink is { } sink)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }

        if (System is { } system)
        {
            await system.Terminate().ConfigureAwait(false);
        }

        if (Store is { } store)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        LogStopped(_logger, NodeId);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var topics = Kafka.Topics;
        var counts = TopicMetadata.PartitionCounts(Kafka, TimeSpan.FromSeconds(15));
        string[] required = [topics.Transactions, topics.CustomerActivity, topics.CustomerDetails, topics.LoanApplications, topics.CustomerOffers, topics.RepartitionMerchant];
        var missing = required.Where(t => !counts.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new ActorStreamsException(
                $"topic(s) {string.Join(", ", missing)} do not exist on {Kafka.BootstrapServers}: create them with the same partition count as {topics.Transactions} (the dev broker, `./actorstreams broker`, creates them all)");
        }

        var customerPartitions = counts[topics.Transactions];
        var merchantPartitions = counts[topics.RepartitionMerchant];
        LogStarting(_logger, NodeId, Kafka.BootstrapServers, Cluster.GroupId, customerPartitions, merchantPartitions);

        System = ActorSystem.Create("actorstreams", ActorSystemSettings.Create(Config), Time, LoggerFactory);
        Sink = new KafkaSink(Kafka, KafkaMetrics, LoggerFactory.CreateLogger<KafkaSink>(), NodeId);
        Sink.Faulted += (_, fault) => Fail(fault);
        Store = StoreFactory.Create(Settings.StoreUri);
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);

        _offersReader = new GlobalTableReader(Kafka, topics.CustomerOffers, OnOfferRecord, LoggerFactory.CreateLogger<GlobalTableReader>());
        await _offersReader.StartAsync(cancellationToken).ConfigureAwait(false);
        LogOffersLoaded(_logger, Offers.Count);

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
        });
        _source.Start();
        _ = _source.Completion.ContinueWith(
            t => Fail(t.Exception!.InnerException ?? t.Exception),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
        if (Settings.MetricsLogInterval > TimeSpan.Zero)
        {
            _reporter = new MetricsReporter(this, Settings.MetricsLogInterval, LoggerFactory.CreateLogger<MetricsReporter>());
        }

        LogStarted(_logger, NodeId, Store.Description, Offers.Count);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} starting: bootstrap {Bootstrap}, group {Group}, {CustomerPartitions} customer and {MerchantPartitions} merchant partitions")]
    private static partial void LogStarting(ILogger logger, string nodeId, string bootstrap, string group, int customerPartitions, int merchantPartitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "offers table loaded: {Count} offers")]
    private static partial void LogOffersLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} started (store {Store}, {Offers} offers)")]
    private static partial void LogStarted(ILogger logger, string nodeId, string store, int offers);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} leaving the cluster: handing off its shards")]
    private static partial void LogStopping(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId} stopped")]
    private static partial void LogStopped(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "customer-offers[{Partition}]@{Offset} is invalid and goes to the dead-letter topic: {Error}")]
    private static partial void LogBadOffer(ILogger logger, int partition, long offset, string error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "node {NodeId} faulted; stop it (its partitions move to other nodes)")]
    private static partial void LogFaulted(ILogger logger, Exception exception, string nodeId);
}
