using System.Text;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.Tests.Support;
using ActorStreams.TestKit;

namespace ActorStreams.Kafka.Tests.Producer;

/// <summary>Sink behaviour while the (only) broker is down: a class of its own so the outage hits no other test.</summary>
[Trait("Category", "Integration")]
public sealed class KafkaSinkTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ProduceAsync_BufferFull_WaitsUntilDeliveriesMakeRoom()
    {
        var topic = fixture.CreateTopic("full", 2);
        var settings = fixture.Settings() with { Producer = fixture.Settings().Producer with { MaxBufferedMessages = 10 } };
        await using var sink = new KafkaSink(settings);
        await sink.ProduceAndWaitAsync(topic, null, "warm-up"u8.ToArray()); // connected, producer id assigned

        fixture.Broker.SetBrokerDown(1);
        for (var i = 0; i < 10; i++)
        {
            await sink.ProduceAsync(topic, $"{i}", Encoding.UTF8.GetBytes($"{i}"));
        }

        var eleventh = sink.ProduceAsync(topic, "10", "10"u8.ToArray()).AsTask();
        Assert.False(eleventh.IsCompleted, "the 11th record must wait for room, not be dropped or fail");
        Assert.Equal(10, sink.Pending);

        fixture.Broker.SetBrokerUp(1);
        await eleventh.WaitAsync(Timeout);
        await sink.FlushAsync();

        Assert.Equal(0, sink.Pending);
        Assert.Equal(12, sink.Metrics.Produced);
        Assert.Equal(new Dictionary<string, long> { [topic] = 12 }, sink.Metrics.ProducedByTopic);
        Assert.Null(sink.Fault);
    }

    [Fact]
    public async Task Delivery_FailsPermanently_FaultsTheSinkLoudly()
    {
        var topic = fixture.CreateTopic("fail", 1);
        var settings = fixture.Settings() with
        {
            Producer = fixture.Settings().Producer with { Properties = new Dictionary<string, string> { ["message.timeout.ms"] = "1500" } },
        };
        var sink = new KafkaSink(settings);
        await sink.ProduceAndWaitAsync(topic, null, "warm-up"u8.ToArray());
        KafkaSinkFaultException? raised = null;
        sink.Faulted += (_, fault) => raised = fault;

        fixture.Broker.SetBrokerDown(1);
        try
        {
            await sink.ProduceAsync(topic, "k", "lost?"u8.ToArray());
            await Eventually.Until(() => Volatile.Read(ref raised) is not null, Timeout, "the undeliverable record faults the sink");
        }
        finally
        {
            fixture.Broker.SetBrokerUp(1);
        }

        Assert.Same(raised, sink.Fault);
        Assert.Contains(topic, raised!.Message, StringComparison.Ordinal);
        Assert.Equal(1, sink.Metrics.ProduceFailures);
        await Assert.ThrowsAsync<KafkaSinkFaultException>(() => sink.ProduceAsync(topic, "k", "next"u8.ToArray()).AsTask());
        await Assert.ThrowsAsync<KafkaSinkFaultException>(() => sink.FlushAsync());
        await sink.DisposeAsync();
    }
}
