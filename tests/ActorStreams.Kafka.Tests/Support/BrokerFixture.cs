using ActorStreams.Kafka.Broker;

namespace ActorStreams.Kafka.Tests.Support;

/// <summary>One in-process dev broker per test class; every test creates its own uniquely named topics.</summary>
public sealed class BrokerFixture : IDisposable
{
    private int _sequence;

    public BrokerFixture() => Broker = new DevBroker(brokerCount: 1, faultInjection: true);

    public DevBroker Broker { get; }

    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>A unique topic name with <paramref name="prefix"/>, created with <paramref name="partitions"/> partitions.</summary>
    public string CreateTopic(string prefix, int partitions)
    {
        var name = UniqueName(prefix);
        Broker.CreateTopic(name, partitions);
        return name;
    }

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

    public void Dispose() => Broker.Dispose();
}
