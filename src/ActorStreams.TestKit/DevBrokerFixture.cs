using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;

namespace ActorStreams.TestKit;

/// <summary>
/// One in-process dev broker (real Kafka protocol over TCP) per test class (<c>IClassFixture</c>); each test creates its
/// own uniquely named topics so tests do not see each other's records.
/// </summary>
public sealed class DevBrokerFixture : IDisposable
{
    private int _sequence;

    /// <summary>Starts a one-broker dev cluster.</summary>
    public DevBrokerFixture() => Broker = new DevBroker(brokerCount: 1);

    /// <summary>The broker.</summary>
    public DevBroker Broker { get; }

    /// <summary>Its bootstrap servers.</summary>
    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>A unique topic name starting with <paramref name="prefix"/>, created with <paramref name="partitions"/> partitions.</summary>
    public string CreateTopic(string prefix, int partitions)
    {
        var name = UniqueName(prefix);
        Broker.CreateTopic(name, partitions);
        return name;
    }

    /// <summary>A unique name (for topics and groups) starting with <paramref name="prefix"/>.</summary>
    public string UniqueName(string prefix) => $"{prefix}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 20)];

    /// <summary>Settings pointing at this broker with fast test timings.</summary>
    public KafkaSettings Settings(int maxInFlight = 10_000, int resumeAt = 5_000) => new()
    {
        BootstrapServers = BootstrapServers,
        ClientId = "test",
        Consumer = new KafkaConsumerSettings
        {
            MaxInFlightPerPartition = maxInFlight,
            ResumeAt = resumeAt,
            Properties = new Dictionary<string, string> { ["fetch.wait.max.ms"] = "50", ["reconnect.backoff.max.ms"] = "500" },
        },
        Producer = new KafkaProducerSettings
        {
            Linger = TimeSpan.FromMilliseconds(2),
            FlushTimeout = TimeSpan.FromSeconds(20),
            Properties = new Dictionary<string, string> { ["reconnect.backoff.max.ms"] = "500" },
        },
    };

    /// <inheritdoc />
    public void Dispose() => Broker.Dispose();
}
