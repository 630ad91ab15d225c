using System.Net;
using System.Runtime.InteropServices;
using ActorStreams.Kafka.Broker.Internal;
using ActorStreams.Kafka.Internal;

namespace ActorStreams.Kafka.Broker;

/// <summary>
/// The embedded development broker: librdkafka's in-memory mock cluster listening on
/// 127.0.0.1 TCP ports and speaking the real Kafka protocol (produce, fetch, idempotence,
/// consumer groups with commits and rebalances). For development and tests only: nothing is
/// persisted, and production points <c>bootstrap</c> at a Kafka cluster.
/// </summary>
/// <remarks>
/// Limitations of the mock (librdkafka 2.16, as 2.0.2): no CreateTopics/DeleteTopics admin API (topics are
/// created here, or auto-created with 4 partitions on first use), no DescribeGroups, no log
/// compaction (compacted topics are recorded in <see cref="CompactedTopics"/> as logical metadata
/// only; every record is kept) and a hard-coded retention of 5 MiB and 100,000 message batches per
/// partition, older batches being dropped (docs/design.md §9).
/// </remarks>
public sealed class DevBroker : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly HashSet<string> _compacted = new(StringComparer.Ordinal);
    private readonly List<BrokerProxy> _proxies = [];
    private nint _handle;
    private nint _cluster;

    /// <summary>Starts a mock cluster of <paramref name="brokerCount"/> brokers (ids 1..n).</summary>
    /// <param name="brokerCount">Brokers of the cluster.</param>
    /// <param name="faultInjection">
    /// Puts a TCP relay in front of every broker so that <see cref="SetBrokerDown"/> and <see cref="SetBrokerUp"/>
    /// work (clients then reach the brokers through the relays only); off, the brokers are reached directly.
    /// </param>
    /// <exception cref="KafkaLayerException">librdkafka is missing or the cluster could not start.</exception>
    public DevBroker(int brokerCount = 1, bool faultInjection = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        KafkaNative.EnsureLoaded();
        BrokerCount = brokerCount;

        var errstr = new byte[512];
        var conf = MockNative.ConfNew();
        // The handle only hosts the mock cluster: it connects nowhere, so keep its logging to errors.
        foreach (var (name, value) in new[] { ("log_level", "3"), ("client.id", "actorstreams-dev-broker") })
        {
            if (MockNative.ConfSet(conf, name, value, errstr, (nuint)errstr.Length) != MockNative.ConfOk)
            {
                MockNative.ConfDestroy(conf);
                throw new KafkaLayerException($"dev broker: cannot set {name}: {MockNative.ErrorText(errstr)}");
            }
        }

        _handle = MockNative.KafkaNew(MockNative.ProducerType, conf, errstr, (nuint)errstr.Length);
        if (_handle == nint.Zero)
        {
            MockNative.ConfDestroy(conf);
            throw new KafkaLayerException($"dev broker: rd_kafka_new failed: {MockNative.ErrorText(errstr)}");
        }

        _cluster = MockNative.ClusterNew(_handle, brokerCount);
        if (_cluster == nint.Zero)
        {
            MockNative.KafkaDestroy(_handle);
            _handle = nint.Zero;
            throw new KafkaLayerException("dev broker: rd_kafka_mock_cluster_new failed (no free TCP port on 127.0.0.1?)");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(MockNative.ClusterBootstraps(_cluster))
            ?? throw new KafkaLayerException("dev broker: the mock cluster reported no bootstrap servers");
        if (faultInjection)
        {
            // The bootstrap list names the brokers in id order (1..n); each is advertised at its relay instead.
            var brokers = BootstrapServers.Split(',');
            for (var id = 1; id <= brokers.Length; id++)
            {
                var proxy = new BrokerProxy(IPEndPoint.Parse(brokers[id - 1]));
                _proxies.Add(proxy);
                MockNative.BrokerSetHostPort(_cluster, id, "127.0.0.1", proxy.Port);
            }

            BootstrapServers = string.Join(',', _proxies.Select(p => $"127.0.0.1:{p.Port}"));
        }
    }

    /// <summary>
    /// Starts a mock cluster and creates every topic of <paramref name="settings"/> with
    /// <see cref="KafkaSettings.Partitions"/> partitions, marking the compacted ones.
    /// </summary>
    public static DevBroker Start(KafkaSettings settings, int brokerCount = 1, bool faultInjection = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var broker = new DevBroker(brokerCount, faultInjection);
        try
        {
            foreach (var (logical, topic) in settings.Topics.All)
            {
                broker.CreateTopic(topic, settings.Partitions, settings.CompactedTopics.Contains(logical));
            }

            return broker;
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    /// <summary>The <c>bootstrap.servers</c> list of the cluster, e.g. <c>127.0.0.1:38113</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>The number of brokers; their ids are 1..<see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Topics created through this instance and their partition counts.</summary>
    public IReadOnlyDictionary<string, int> Topics
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_topics, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Topics created as compacted. Logical metadata only: the mock cluster does not compact, so
    /// readers of these topics see every version of a key and must keep the latest themselves.
    /// </summary>
    public IReadOnlySet<string> CompactedTopics
    {
        get
        {
            lock (_gate)
            {
                return new HashSet<string>(_compacted, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions (replicated on every broker).</summary>
    /// <exception cref="KafkaLayerException">The topic exists already or the name is invalid.</exception>
    public void CreateTopic(string topic, int partitions, bool compacted = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        lock (_gate)
        {
            var err = MockNative.TopicCreate(Cluster, topic, partitions, BrokerCount);
            if (err != 0)
            {
                throw new KafkaLayerException($"dev broker: cannot create topic \"{topic}\": {MockNative.Describe(err)}");
            }

            _topics[topic] = partitions;
            if (compacted)
            {
                _compacted.Add(topic);
            }
        }
    }

    /// <summary>
    /// Disconnects broker <paramref name="brokerId"/> (-1: all) and refuses connections until <see cref="SetBrokerUp"/>.
    /// Leaders do not move. Needs a broker started with fault injection.
    /// </summary>
    /// <exception cref="InvalidOperationException">The broker was started without fault injection.</exception>
    public void SetBrokerDown(int brokerId)
    {
        foreach (var proxy in Proxies(brokerId))
        {
            proxy.Down();
        }
    }

    /// <summary>Lets broker <paramref name="brokerId"/> (-1: all) accept connections again.</summary>
    /// <exception cref="InvalidOperationException">The broker was started without fault injection.</exception>
    public void SetBrokerUp(int brokerId)
    {
        foreach (var proxy in Proxies(brokerId))
        {
            proxy.Up();
        }
    }

    /// <summary>Delays every response of broker <paramref name="brokerId"/> (-1: all) by <paramref name="milliseconds"/>.</summary>
    public void SetRtt(int brokerId, int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        Check(MockNative.BrokerSetRtt(Cluster, brokerId, milliseconds), "set broker RTT");
    }

    /// <summary>
    /// Makes the next <c>errors.Length</c> requests of type <paramref name="apiKey"/> (on any broker) fail
    /// with these errors, in order.
    /// </summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params KafkaProtocolError[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
        {
            return;
        }

        var codes = Array.ConvertAll(errors, e => (int)e);
        MockNative.PushRequestErrorsArray(Cluster, (short)apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>Drops the injected errors not yet returned for <paramref name="apiKey"/>.</summary>
    public void ClearRequestErrors(KafkaApiKey apiKey) => MockNative.ClearRequestErrors(Cluster, (short)apiKey);

    /// <summary>Stops the brokers and frees every record they held.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var proxy in _proxies)
            {
                proxy.Dispose();
            }

            _proxies.Clear();
            if (_cluster != nint.Zero)
            {
                MockNative.ClusterDestroy(_cluster);
                _cluster = nint.Zero;
            }

            if (_handle != nint.Zero)
            {
                MockNative.KafkaDestroy(_handle);
                _handle = nint.Zero;
            }
        }
    }

    private IEnumerable<BrokerProxy> Proxies(int brokerId)
    {
        _ = Cluster;
        if (_proxies.Count == 0)
        {
            throw new InvalidOperationException("taking brokers down needs a dev broker started with fault injection (new DevBroker(n, faultInjection: true))");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, _proxies.Count);
        return brokerId < 0 ? _proxies : [_proxies[brokerId - 1]];
    }

    private nint Cluster => _cluster != nint.Zero ? _cluster : throw new ObjectDisposedException(nameof(DevBroker));

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            throw new KafkaLayerException($"dev broker: cannot {what}: {MockNative.Describe(err)}");
        }
    }
}
