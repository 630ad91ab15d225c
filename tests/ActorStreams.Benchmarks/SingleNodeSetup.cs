using System.Globalization;
using ActorStreams.Hocon;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.Node;
using ActorStreams.Persistence;

namespace ActorStreams.Benchmarks;

/// <summary>
/// What <c>bench e2e</c> and <c>bench soak</c> share: a fresh embedded dev broker with every topic, the node's
/// configuration pointing at it (the bench's overrides, then the caller's), and one node started in this process.
/// </summary>
internal sealed class SingleNodeSetup : IDisposable
{
    private readonly TemporaryStore? _temporary;

    private SingleNodeSetup(string suite, int partitions, string store, DevBroker broker, Config config, TemporaryStore? temporary)
    {
        _temporary = temporary;
        Suite = suite;
        Partitions = partitions;
        Store = store;
        Broker = broker;
        Config = config;
        Kafka = KafkaSettings.Create(config);
    }

    /// <summary>The suite's name (<c>e2e</c>, <c>soak</c>), for messages.</summary>
    public string Suite { get; }

    /// <summary>Partitions of every topic.</summary>
    public int Partitions { get; }

    /// <summary>The store URI the node uses.</summary>
    public string Store { get; }

    /// <summary>The kind of <see cref="Store"/>.</summary>
    public StoreKind StoreKind => StateStoreUri.Locate(Store).Kind;

    /// <summary>The dev broker, with every configured topic created.</summary>
    public DevBroker Broker { get; }

    /// <summary>The node's configuration, bootstrap included.</summary>
    public Config Config { get; }

    /// <summary>The Kafka settings of <see cref="Config"/>.</summary>
    public KafkaSettings Kafka { get; }

    /// <summary>
    /// Checks the configuration and the store, then starts the dev broker: a bad override fails before anything starts,
    /// and a store holding checkpoints of an earlier run is refused (see <see cref="RequireEmptyStore"/>).
    /// </summary>
    /// <exception cref="ActorStreamsException">The store holds an earlier run's checkpoints.</exception>
    /// <remarks>A <c>temporary</c> store is a SQLite file in a new temporary directory, deleted with the setup.</remarks>
    public static SingleNodeSetup Start(string suite, int partitions, string store, string home, IEnumerable<KeyValuePair<string, string>> extraOverrides)
    {
        var temporary = TemporaryStore.IsRequested(store) ? TemporaryStore.Create(suite) : null;
        try
        {
            return Start(suite, partitions, temporary?.Uri ?? store, home, extraOverrides, temporary);
        }
        catch
        {
            temporary?.Dispose();
            throw;
        }
    }

    private static SingleNodeSetup Start(string suite, int partitions, string store, string home, IEnumerable<KeyValuePair<string, string>> extraOverrides, TemporaryStore? temporary)
    {
        var overrides = new List<KeyValuePair<string, string>>
        {
            new("actorstreams.kafka.partitions", partitions.ToString(CultureInfo.InvariantCulture)),
            new("actorstreams.store.uri", store),
            new("actorstreams.metrics.log-interval", "0s"),
            new("actorstreams.http.port", "0"),
            new("actorstreams.cluster.node-id", "bench"),
        };
        overrides.AddRange(extraOverrides);
        var kafka = KafkaSettings.Create(NodeConfiguration.Load(home, null, overrides));
        RequireEmptyStore(suite, store, home);
        var broker = DevBroker.Start(kafka);
        try
        {
            overrides.Add(new("actorstreams.kafka.bootstrap", broker.BootstrapServers));
            return new SingleNodeSetup(suite, partitions, store, broker, NodeConfiguration.Load(home, null, overrides), temporary);
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    /// <summary>The first line of a run's output: the runtime, the machine and the setup.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Suite}: .NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}; dev broker with {Partitions} partitions per topic; store {Store}{(_temporary is null ? "" : " (temporary: deleted after the run)")}");

    /// <summary>Starts the node on <see cref="Config"/>.</summary>
    public Task<ActorStreamsNode> StartNodeAsync(CancellationToken cancellationToken) =>
        ActorStreamsNode.StartAsync(new NodeOptions { Config = Config }, cancellationToken);

    /// <summary>Ends the run with the node's fault, if it has one.</summary>
    public static void ThrowIfFaulted(ActorStreamsNode node)
    {
        if (node.Faulted.IsFaulted)
        {
            throw new InvalidOperationException($"the node faulted: {node.Faulted.Exception!.InnerException!.Message}", node.Faulted.Exception);
        }
    }

    public void Dispose()
    {
        Broker.Dispose();
        _temporary?.Dispose();
    }

    /// <summary>
    /// A store holding checkpoints of an earlier run would make the node seek to that run's offsets in this run's fresh
    /// topics and skip records, so the run would never finish: refuse it up front.
    /// </summary>
    private static void RequireEmptyStore(string suite, string store, string home)
    {
        var location = StateStoreUri.Locate(store, home);
        if (StoreConfiguration.StoredPersistenceIds(location) is [var first, ..])
        {
            throw new ActorStreamsException(
                $"the store {location.Description} holds checkpoints of an earlier run ({first}); bench {suite} needs an empty store (delete the SQLite file or use a new database)");
        }
    }
}
