using System.Net.Sockets;
using System.Text.Json;
using ActorStreams.Kafka.Broker;
using ActorStreams.Kafka.Tests.Support;

namespace ActorStreams.Kafka.Tests.Broker;

[Trait("Category", "Integration")]
public sealed class DevBrokerTests
{
    [Fact]
    public async Task Start_Settings_CreatesEveryTopicWithItsPartitionCount()
    {
        var settings = KafkaSettings.Default with { Partitions = 3 };
        using var broker = DevBroker.Start(settings, brokerCount: 3);

        var metadata = JsonDocument.Parse(await Kcat.RunAsync(["-L", "-J", "-b", broker.BootstrapServers])).RootElement;

        Assert.Equal(3, metadata.GetProperty("brokers").GetArrayLength());
        var topics = metadata.GetProperty("topics").EnumerateArray()
            .ToDictionary(t => t.GetProperty("topic").GetString()!, t => t.GetProperty("partitions").GetArrayLength());
        foreach (var (_, topic) in settings.Topics.All)
        {
            Assert.Equal(3, topics[topic]);
        }

        Assert.Equal(12, broker.Topics.Count);
        Assert.Equal(["actorstreams-members", "customer-details", "customer-offers"], broker.CompactedTopics.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CreateTopic_Twice_FailsWithTheTopicName()
    {
        using var broker = new DevBroker();
        broker.CreateTopic("once", 2);

        var error = Assert.Throws<KafkaLayerException>(() => broker.CreateTopic("once", 2));

        Assert.Contains("\"once\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_StopsTheListener()
    {
        var broker = new DevBroker();
        var endpoint = broker.BootstrapServers.Split(',')[0].Split(':');
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(endpoint[0], int.Parse(endpoint[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(client.Connected);
        }

        broker.Dispose();

        using var after = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => after.ConnectAsync(endpoint[0], int.Parse(endpoint[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Throws<ObjectDisposedException>(() => broker.CreateTopic("late", 1));
    }
}
