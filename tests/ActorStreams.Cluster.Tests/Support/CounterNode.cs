using System.Globalization;
using System.Text;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Persistence;
using ActorStreams.Persistence.Ledger;
using ActorStreams.TestKit;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Cluster.Tests.Support;

/// <summary>
/// One cluster member running the counter kind the way a node runs customers: an Akka.Cluster actor system, the
/// counter shard region over the input topic's partitions, a Kafka consumer and producer, the consumer keep-alive
/// and the graceful leave of CoordinatedShutdown.
/// </summary>
public sealed class CounterNode : IAsyncDisposable
{
    private readonly KafkaSink _sink;
    private readonly KafkaConsumerHost _consumer;
    private IActorRef? _keepAlive;
    private int _disposed;

    /// <summary>Creates member <paramref name="name"/> on <paramref name="system"/> (made with <see cref="Config"/>); call <see cref="StartAsync"/>. Disposing it leaves the cluster and terminates the system.</summary>
    public CounterNode(ActorSystem system, DevBrokerFixture broker, CounterTopics topics, ClusterSettings? cluster = null, string? name = null, ILoggerFactory? loggerFactory = null, IPartitionArchives? archives = null)
    {
        System = system;
        Topics = topics;
        name ??= system.Name;
        var logging = loggerFactory ?? NullLoggerFactory.Instance;
        var kafka = broker.Settings() with { Topics = KafkaTopics.Default with { DeadLetter = topics.DeadLetter } };
        Settings = cluster ?? ClusterSettings.Default with { CheckpointInterval = TimeSpan.FromMilliseconds(200), KeepAliveInterval = TimeSpan.FromMilliseconds(500) };
        _sink = new KafkaSink(kafka, KafkaMetrics, logging.CreateLogger<KafkaSink>(), name);
        _consumer = new KafkaConsumerHost(kafka, topics.Group, KafkaMetrics, logging.CreateLogger<KafkaConsumerHost>(), name);
        Services = new PartitionServices
        {
            NodeId = name,
            Cluster = Settings,
            Kafka = kafka,
            Consumer = _consumer,
            Producer = _sink,
            Ledger = LedgerSettings.Default,
            Pacer = new CheckpointPacer(Settings, TimeProvider.System),
            ShardMetrics = Metrics,
            KafkaMetrics = KafkaMetrics,
            LoggerFactory = logging,
            Time = TimeProvider.System,
            Archives = archives,
        };
        Entities = new EntityServices
        {
            Registry = PartitionRegistry.Get(system),
            Metrics = Metrics,
            LoggerFactory = logging,
            HandoffTimeout = Settings.HandoffTimeout,
        };
    }

    public ActorSystem System { get; }

    public CounterTopics Topics { get; }

    public ClusterSettings Settings { get; }

    public PartitionServices Services { get; }

    public EntityServices Entities { get; }

    public ShardMetrics Metrics { get; } = new();

    public KafkaMetrics KafkaMetrics { get; } = new();

    public IActorRef Region { get; private set; } = ActorRefs.Nobody;

    /// <summary>The partitions this member runs now.</summary>
    public int[] RunningPartitions => [.. PartitionRegistry.Get(System).Running.Select(s => s.Partition).Order()];

    /// <summary>Records consumed from the input topic by this member.</summary>
    public long Consumed => KafkaMetrics.EventsIn(Topics.Input);

    /// <summary>
    /// The actor system configuration of a member: the Cluster and Persistence reference configurations, the store's
    /// persistence plugins, any port, fast gossip, and <paramref name="extra"/> on top.
    /// </summary>
    public static Config Config(string storeUri, string extra = "")
    {
        var store = StoreConfiguration.AkkaHocon(StateStoreUri.Locate(storeUri));
        return ConfigurationFactory.ParseString(extra).WithFallback(ConfigurationFactory.ParseString(store + "\n" + """
                akka.loglevel = WARNING
                akka.stdout-loglevel = WARNING
                akka.remote.dot-netty.tcp.port = 0
                akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
                akka.cluster.sharding.rebalance-interval = 1s
                akka.cluster.split-brain-resolver.stable-after = 5s
                """))
            .WithFallback(ConfigurationFactory.ParseString(Resource(typeof(ClusterSettings), "ActorStreams.Cluster.reference.conf")))
            .WithFallback(ConfigurationFactory.ParseString(Resource(typeof(LedgerSerializer), "ActorStreams.Persistence.reference.conf")))
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }

    /// <summary>Joins <paramref name="seed"/> (itself when null), waits until Up, then starts the region and the keep-alive.</summary>
    public async Task<CounterNode> StartAsync(Address? seed = null)
    {
        var cluster = Akka.Cluster.Cluster.Get(System);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(seed ?? cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _consumer.Start();
        Region = PartitionSharding.StartRegion(System, new CounterLogic(Entities, Topics.Input, Topics.Output, Topics.Partitions), Topics.Partitions, Services);
        _keepAlive = System.ActorOf(ConsumerKeepAlive.Props([(Region, Topics.Partitions)], Services, "the test store"), "partition-keep-alive");
        GracefulLeave.Register(System, () => _keepAlive);
        return this;
    }

    /// <summary>The member's cluster address.</summary>
    public Address Address => Akka.Cluster.Cluster.Get(System).SelfAddress;

    /// <summary>Leaves the cluster gracefully (CoordinatedShutdown: partitions handed off with a final checkpoint).</summary>
    public async Task LeaveAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        await System.WhenTerminated;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await LeaveAsync();

        await _consumer.DisposeAsync();
        await _sink.DisposeAsync();
    }

    /// <summary>Produces <c>key → value</c> records (murmur2-partitioned) and waits until they are delivered.</summary>
    public static async Task ProduceAsync(DevBrokerFixture broker, string topic, IEnumerable<(string? Key, string Value)> records)
    {
        await using var sink = new KafkaSink(broker.Settings(), clientIdSuffix: "producer");
        foreach (var (key, value) in records)
        {
            await sink.ProduceAsync(topic, key, Encoding.UTF8.GetBytes(value));
        }

        await sink.FlushAsync();
    }

    /// <summary>Counter records: <paramref name="perKey"/> rounds over keys 0…<paramref name="keys"/>−1, random values.</summary>
    public static IEnumerable<(string? Key, string Value)> Records(int keys, int perKey, int seed = 1)
    {
        var random = new Random(seed);
        for (var round = 0; round < perKey; round++)
        {
            for (var key = 0; key < keys; key++)
            {
                yield return (key.ToString(CultureInfo.InvariantCulture), random.Next(0, 1000).ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>The count and sum per key of <paramref name="records"/>: what exactly-once counting stores.</summary>
    public static Dictionary<long, (long Count, long Sum)> Expected(IEnumerable<(string? Key, string Value)> records) =>
        records.GroupBy(r => long.Parse(r.Key!, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(r => long.Parse(r.Value, CultureInfo.InvariantCulture))));

    private static string Resource(Type type, string name)
    {
        using var stream = type.Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"no resource {name}");
        return new StreamReader(stream).ReadToEnd();
    }
}

/// <summary>The topics and consumer group of one test.</summary>
public sealed record CounterTopics(string Input, string Output, string DeadLetter, string Group, int Partitions)
{
    public static CounterTopics Create(DevBrokerFixture broker, int partitions) => new(
        broker.CreateTopic("in", partitions),
        broker.CreateTopic("out", partitions),
        broker.CreateTopic("dlq", 1),
        broker.UniqueName("group"),
        partitions);
}
