using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ActorStreams.Entities;
using ActorStreams.Hocon;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;
using ActorStreams.TestKit;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Tests.Support;

/// <summary>
/// In-process nodes of one Akka cluster (same group, in-memory store, remoting and admin API on free ports) on a dev broker
/// holding every topic, and an HTTP client for their admin APIs. The first node started forms the cluster; every later one
/// joins it through <c>akka.cluster.seed-nodes</c>, as <c>node --seed</c> does. Disposing stops the nodes and the broker.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>Partitions of every topic.</summary>
    public const int Partitions = 4;

    private readonly DevBrokerFixture _broker;
    private readonly DirectoryInfo _home;
    private readonly List<KeyValuePair<string, string>> _overrides;
    private readonly ILoggerFactory _loggerFactory;

    private TestCluster(DevBrokerFixture broker, DirectoryInfo home, List<KeyValuePair<string, string>> overrides, ILoggerFactory loggerFactory)
    {
        _broker = broker;
        _home = home;
        _overrides = overrides;
        _loggerFactory = loggerFactory;
        Kafka = KafkaSettings.Create(Load("node-0"));
    }

    /// <summary>The nodes' Kafka settings.</summary>
    public KafkaSettings Kafka { get; }

    /// <summary>The started nodes, in start order.</summary>
    public List<ActorStreamsNode> Nodes { get; } = [];

    /// <summary>The clock of the nodes' job schedulers started from now on (null: the system clock).</summary>
    public TimeProvider? JobsTime { get; set; }

    /// <summary>A client for the admin APIs (no proxy, 10 s timeout).</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Starts a broker with every topic; <paramref name="settings"/> are extra HOCON overrides of every node.</summary>
    public static TestCluster Create(ILoggerFactory loggerFactory, params (string Key, string Value)[] settings)
    {
        var broker = new DevBrokerFixture();
        var overrides = new List<KeyValuePair<string, string>>
        {
            new("actorstreams.kafka.bootstrap", broker.BootstrapServers),
            new("actorstreams.kafka.partitions", Partitions.ToString(CultureInfo.InvariantCulture)),
            new("actorstreams.kafka.consumer.properties.fetch.wait.max.ms", "50"),
            new("actorstreams.store.uri", "memory"),
            new("actorstreams.cluster.group-id", "node-tests"),
            new("actorstreams.http.port", "0"),
            new("actorstreams.metrics.log-interval", "0s"),
        };
        overrides.AddRange(settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)));
        var cluster = new TestCluster(broker, Directory.CreateTempSubdirectory("actorstreams-node-tests-"), overrides, loggerFactory);
        foreach (var (logical, topic) in cluster.Kafka.Topics.All)
        {
            broker.Broker.CreateTopic(topic, Partitions, cluster.Kafka.CompactedTopics.Contains(logical));
        }

        return cluster;
    }

    /// <summary>
    /// Starts node <paramref name="nodeId"/>: the first one joins itself, the others join the first one's Akka address as
    /// their seed node. Returns once the node is up in the cluster.
    /// </summary>
    public async Task<ActorStreamsNode> StartNodeAsync(string nodeId)
    {
        List<KeyValuePair<string, string>> seeds = Nodes.Count == 0 ? [] : [new("akka.cluster.seed-nodes", $"[\"{Nodes[0].AkkaAddress}\"]")];
        var node = await ActorStreamsNode.StartAsync(new NodeOptions { Config = Load(nodeId, seeds), LoggerFactory = _loggerFactory, JobsTime = JobsTime }, CancellationToken.None);
        Nodes.Add(node);
        return node;
    }

    /// <summary>
    /// Starts node <paramref name="nodeId"/> with <paramref name="settings"/> over the cluster's overrides and no seed
    /// node of its own (give one in the settings); the node is added to <see cref="Nodes"/> once up.
    /// </summary>
    public async Task<ActorStreamsNode> StartNodeAsync(string nodeId, IReadOnlyList<(string Key, string Value)> settings, CancellationToken cancellationToken)
    {
        var extra = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value));
        var node = await ActorStreamsNode.StartAsync(new NodeOptions { Config = Load(nodeId, extra), LoggerFactory = _loggerFactory }, cancellationToken);
        lock (Nodes)
        {
            Nodes.Add(node);
        }

        return node;
    }

    /// <summary>
    /// Starts nodes <paramref name="nodeIds"/> at once, each with no seed node and <paramref name="settings"/> over the
    /// cluster's overrides (e.g. cluster bootstrap's discovery), so that they find each other by themselves. Returns once
    /// every one is up in the cluster; the nodes are added to <see cref="Nodes"/> in the order given (calls may overlap).
    /// </summary>
    public async Task<ActorStreamsNode[]> StartNodesTogetherAsync(IReadOnlyList<string> nodeIds, params (string Key, string Value)[] settings)
    {
        var extra = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList();
        var starts = nodeIds.Select(id => ActorStreamsNode.StartAsync(new NodeOptions { Config = Load(id, extra), LoggerFactory = _loggerFactory }, CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            lock (Nodes)
            {
                Nodes.AddRange(starts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
        }

        return [.. starts.Select(t => t.Result)];
    }

    /// <summary>The partitions of <paramref name="kind"/> whose consumers run on <paramref name="node"/>, in order.</summary>
    public static List<int> PartitionsOf(ActorStreamsNode node, string kind) =>
        [.. node.Partitions.Running.Where(s => s.Kind == kind).Select(s => s.Partition).Order()];

    /// <summary>
    /// Produces <paramref name="perCustomer"/>[c] transactions for customer c (ids from 1), keyed by customer id (murmur2), and
    /// waits for their delivery.
    /// </summary>
    public Task ProduceTransactionsAsync(IReadOnlyDictionary<long, int> perCustomer)
    {
        var start = new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
        var records = new List<(string, string)>();
        foreach (var (customer, count) in perCustomer)
        {
            for (var i = 0; i < count; i++)
            {
                var time = start.AddMinutes(i * 7).AddSeconds(customer);
                var json = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"transaction_id":"tx-{{records.Count + 1}}","customer_id":{{customer}},"merchant_id":"M-{{customer % 5}}","merchant_category":"grocery","amount":{{10 + i}}.5,"currency":"EUR","payment_method":"credit_card","device_id":"dev-{{customer}}","ip_address":"10.0.0.1","timestamp":"{{time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}"}""");
                records.Add((customer.ToString(CultureInfo.InvariantCulture), json));
            }
        }

        return ProduceAsync(Kafka.Topics.Transactions, records);
    }

    /// <summary>Produces <paramref name="records"/> (key, UTF-8 value) to <paramref name="topic"/> as they are, and waits for their delivery.</summary>
    public async Task ProduceAsync(string topic, IEnumerable<(string Key, string Value)> records)
    {
        await using var sink = new KafkaSink(Kafka, clientIdSuffix: "node-tests-input");
        foreach (var (key, value) in records)
        {
            await sink.ProduceAsync(topic, key, Encoding.UTF8.GetBytes(value));
        }

        await sink.FlushAsync();
    }

    /// <summary>
    /// Waits until <paramref name="nodes"/> split the customer, merchant and loan partitions evenly (each partition runs on
    /// exactly one node, and the nodes' counts of a kind differ by one at most, so the shard coordinator moves nothing
    /// more) and every node's membership view shows each of them up, with the partitions it runs.
    /// </summary>
    public static Task UntilSplitAsync(IReadOnlyList<ActorStreamsNode> nodes, TimeSpan timeout) =>
        Eventually.Until(
            () =>
            {
                var customers = nodes.Select(n => PartitionsOf(n, AnalyticsKinds.Customer)).ToList();
                var merchants = nodes.Select(n => PartitionsOf(n, AnalyticsKinds.Merchant)).ToList();
                var loans = nodes.Select(n => PartitionsOf(n, AnalyticsKinds.Loan)).ToList();
                return Even(customers) && Even(merchants) && Even(loans)
                    && nodes.All(viewer => nodes.Select((n, i) => viewer.Membership.Find(n.NodeId) is { Status: "up", Info: { } info }
                        && info.CustomerPartitions.SequenceEqual(customers[i])
                        && info.Partitions == customers[i].Count + merchants[i].Count + loans[i].Count).All(ok => ok));
            },
            timeout,
            $"{nodes.Count} nodes split the {Partitions} customer, merchant and loan partitions and see each other");

    private static bool Even(List<List<int>> owned) =>
        owned.SelectMany(o => o).Order().SequenceEqual(Enumerable.Range(0, Partitions))
        && owned.Max(o => o.Count) - owned.Min(o => o.Count) <= 1;

    /// <summary>Every record of <paramref name="topic"/> up to its end now, as (partition, key, UTF-8 value), read without a group.</summary>
    public List<(int Partition, string? Key, string Value)> ReadTopic(string topic)
    {
        KafkaNative.EnsureLoaded();
        var config = new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = _broker.BootstrapServers,
            GroupId = "node-tests-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        };
        using var consumer = new Confluent.Kafka.ConsumerBuilder<string?, string>(config).SetLogHandler((_, _) => { }).Build();
        var records = new List<(int, string?, string)>();
        for (var p = 0; p < Partitions; p++)
        {
            var partition = new Confluent.Kafka.TopicPartition(topic, p);
            var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
            if (end == 0)
            {
                continue;
            }

            consumer.Assign(new Confluent.Kafka.TopicPartitionOffset(partition, Confluent.Kafka.Offset.Beginning));
            while (consumer.Consume(TimeSpan.FromSeconds(10)) is { IsPartitionEOF: false } result)
            {
                records.Add((p, result.Message.Key, result.Message.Value));
                if (result.Offset.Value + 1 >= end)
                {
                    break;
                }
            }
        }

        return records;
    }

    /// <summary>GETs <paramref name="path"/> from <paramref name="node"/>'s admin API: the status and the JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(ActorStreamsNode node, string path)
    {
        using var response = await Http.GetAsync(new Uri($"http://{node.HttpAddress}{path}"));
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(Nodes.Select(n => n.StopAsync()));
        }
        finally
        {
            Http.Dispose();
            _broker.Dispose();
            _home.Delete(recursive: true);
        }
    }

    private Config Load(string nodeId, IEnumerable<KeyValuePair<string, string>>? extra = null) =>
        Node.NodeConfiguration.Load(_home.FullName, null, [.. _overrides, .. extra ?? [], new("actorstreams.cluster.node-id", nodeId)]);
}
