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

        Assert.Equal(KafkaTopics.LogicalNames.Count, broker.Topics.Count);
        Assert.Equal(22, broker.Topics.Count);
        Assert.Equal(["customer-details", "customer-offers"], broker.CompactedTopics.Order(StringComparer.Ordinal));
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

    [Fact]
    public void SetBrokerDown_WithoutFaultInjection_SaysHowToEnableIt()
    {
        using var broker = new DevBroker();

        var error = Assert.Throws<InvalidOperationException>(() => broker.SetBrokerDown(1));

        Assert.Contains("faultInjection: true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetBrokerDown_WithFaultInjection_ClosesConnectionsUntilUp()
    {
        using var broker = new DevBroker(brokerCount: 2, faultInjection: true);
        var endpoint = broker.BootstrapServers.Split(',')[1].Split(':');
        var port = int.Parse(endpoint[1], System.Globalization.CultureInfo.InvariantCulture);
        using var open = new TcpClient();
        await open.ConnectAsync(endpoint[0], port);

        broker.SetBrokerDown(2);

        // The open connection is closed by the relay: a read returns end of stream, or the connection is reset (.NET
        // closes a socket that has a receive pending abortively).
        var buffer = new byte[1];
        try
        {
            Assert.Equal(0, await open.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
        }

        broker.SetBrokerUp(2);
        using var again = new TcpClient();
        await again.ConnectAsync(endpoint[0], port);
        Assert.True(again.Connected);
    }
}
