using System.Globalization;
using System.Text;
using ActorStreams.Actors;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Persistence;
using ActorStreams.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>One cluster member for counter shards: actor system, producer, region and consumer-group source.</summary>
public sealed class ShardHarness : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly KafkaSink _sink;
    private PartitionedSource? _source;

    public ShardHarness(DevBrokerFixture broker, Topics topics, IStateStore store, ClusterSettings? cluster = null, string member = "a")
    {
        Topics = topics;
        Store = store;
        var kafka = broker.Settings() with { Topics = KafkaTopics.Default with { DeadLetter = topics.DeadLetter } };
        _system = ActorSystem.Create($"test-{member}");
        _sink = new KafkaSink(kafka, clientIdSuffix: member);
        Services = new ShardServices
        {
            Settings = cluster ?? ClusterSettings.Default with { CheckpointInterval = TimeSpan.FromMilliseconds(200), HandoffTimeout = TimeSpan.FromSeconds(20) },
            Kafka = kafka,
            Sink = _sink,
            Store = store,
            Time = TimeProvider.System,
            Metrics = Metrics,
            LoggerFactory = NullLoggerFactory.Instance,
            CommitOffsets = offsets => _source?.CommitAsync(offsets) ?? Task.CompletedTask,
            OnShardFault = (shard, fault) => Faults.Add((shard, fault)),
            OwnedShardCount = () => Region?.OwnedShardCount ?? 1,
        };
        Region = new ShardRegion(_system, Services,
        [
            new ShardKindRegistration("counter", [topics.Input], (key, snapshot) => Props.Create(() => new CounterShard(key, Services, snapshot, topics.Output))),
        ]);
        _source = new PartitionedSource(kafka, topics.Group, TimeSpan.FromSeconds(6), Region.Topics, Region, new PartitionedSourceOptions
        {
            Hooks = Region.Hooks,
            Metrics = KafkaMetrics,
            ClientIdSuffix = member,
            CheckCoPartitioning = false,
        });
    }

    public Topics Topics { get; }

    public IStateStore Store { get; }

    public ShardServices Services { get; }

    public ShardRegion Region { get; }

    public ShardMetrics Metrics { get; } = new();

    public KafkaMetrics KafkaMetrics { get; } = new();

    public List<(ShardKey Shard, Exception Fault)> Faults { get; } = [];

    public long Consumed => KafkaMetrics.EventsIn(Topics.Input);

    public ShardHarness Start()
    {
        _source!.Start();
        return this;
    }

    public async Task StopAsync()
    {
        if (_source is { } source)
        {
            _source = null;
            await source.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _sink.DisposeAsync();
        await _system.Terminate();
    }

    /// <summary>The counters in the store, summed over every shard of the topic.</summary>
    public static async Task<Dictionary<long, (long Count, long Sum)>> StoredCounters(IStateStore store, int partitions, IEnumerable<long> ids)
    {
        var result = new Dictionary<long, (long, long)>();
        for (var p = 0; p < partitions; p++)
        {
            var states = await store.LoadEntitiesAsync(new ShardKey("counter", p), [.. ids.Select(i => i.ToString(CultureInfo.InvariantCulture))], CancellationToken.None);
            foreach (var (id, state) in states)
            {
                result[long.Parse(id, CultureInfo.InvariantCulture)] = CounterKind.Decode(state);
            }
        }

        return result;
    }

    /// <summary>The checkpointed next offset of the input topic, summed over its partitions.</summary>
    public static async Task<long> StoredOffsets(IStateStore store, string topic, int partitions)
    {
        long total = 0;
        for (var p = 0; p < partitions; p++)
        {
            if (await store.ReadShardAsync(new ShardKey("counter", p), CancellationToken.None) is { } snapshot && snapshot.Offsets.TryGetValue(topic, out var offset))
            {
                total += offset;
            }
        }

        return total;
    }

    /// <summary>Produces <c>key → value</c> records and waits until they are delivered.</summary>
    public static async Task ProduceAsync(DevBrokerFixture broker, string topic, IEnumerable<(string? Key, string Value)> records)
    {
        await using var sink = new KafkaSink(broker.Settings(), clientIdSuffix: "producer");
        foreach (var (key, value) in records)
        {
            await sink.ProduceAsync(topic, key, Encoding.UTF8.GetBytes(value));
        }

        await sink.FlushAsync();
    }
}

/// <summary>The topics and group of one test.</summary>
public sealed record Topics(string Input, string Output, string DeadLetter, string Group, int Partitions)
{
    public static Topics Create(DevBrokerFixture broker, int partitions) => new(
        broker.CreateTopic("in", partitions),
        broker.CreateTopic("out", partitions),
        broker.CreateTopic("dlq", 1),
        broker.UniqueName("group"),
        partitions);
}
