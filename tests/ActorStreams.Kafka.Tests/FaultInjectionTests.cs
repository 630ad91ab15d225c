using System.Collections.Concurrent;
using System.Text;
using ActorStreams.Kafka.Broker;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Kafka.Tests.Support;

namespace ActorStreams.Kafka.Tests;

/// <summary>Faults injected into the dev broker: nothing is lost and nothing is processed twice.</summary>
[Trait("Category", "Integration")]
public sealed class FaultInjectionTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Session = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task BrokerDownForSeconds_WhileProducingAndConsuming_LosesAndDuplicatesNothing()
    {
        var topic = fixture.CreateTopic("down", 3);
        var settings = fixture.Settings();
        var state = new ConcurrentDictionary<string, int>();
        var listener = Counting(state);
        await using var source = new PartitionedSource(settings, fixture.UniqueName("g"), Session, [topic], listener);
        source.Start();
        await using var sink = new KafkaSink(settings);
        await ProduceAsync(sink, topic, 0, 500);
        await Eventually.Until(() => state.Count == 500, Timeout, "the first records are consumed");

        fixture.Broker.SetBrokerDown(1);
        var producing = ProduceAsync(sink, topic, 500, 1500);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the outage itself, not a synchronisation
        Assert.True(state.Count < 2000, "nothing can be consumed while the only broker is down");
        fixture.Broker.SetBrokerUp(1);
        await producing;
        await sink.FlushAsync();

        await Eventually.Until(() => state.Count == 2000, Timeout, "every record is consumed after the broker came back");
        Assert.All(state, s => Assert.True(s.Value == 1, $"value {s.Key} processed {s.Value} times"));
        Assert.Equal(2000, listener.Count);
        Assert.Null(sink.Fault);
        Assert.Equal(2000, source.GetCommittableOffsets().Sum(o => o.Offset));
    }

    [Fact]
    public async Task RequestErrorsOnProduceAndFetch_AreRetried_LosingAndDuplicatingNothing()
    {
        var topic = fixture.CreateTopic("errors", 3);
        var settings = fixture.Settings();
        var state = new ConcurrentDictionary<string, int>();
        var listener = Counting(state);
        await using var source = new PartitionedSource(settings, fixture.UniqueName("g"), Session, [topic], listener);
        source.Start();
        await using var sink = new KafkaSink(settings);
        await ProduceAsync(sink, topic, 0, 100);
        await Eventually.Until(() => state.Count == 100, Timeout, "the first records are consumed");

        fixture.Broker.PushRequestErrors(
            KafkaApiKey.Produce,
            KafkaProtocolError.NotLeaderForPartition,
            KafkaProtocolError.RequestTimedOut,
            KafkaProtocolError.Transport,
            KafkaProtocolError.NotEnoughReplicas,
            KafkaProtocolError.LeaderNotAvailable);
        fixture.Broker.PushRequestErrors(
            KafkaApiKey.Fetch,
            KafkaProtocolError.NotLeaderForPartition,
            KafkaProtocolError.Transport,
            KafkaProtocolError.UnknownTopicOrPartition,
            KafkaProtocolError.RequestTimedOut);
        await ProduceAsync(sink, topic, 100, 1900);
        await sink.FlushAsync();

        await Eventually.Until(() => state.Count == 2000, Timeout, "every record is consumed despite the errors");
        Assert.All(state, s => Assert.True(s.Value == 1, $"value {s.Key} processed {s.Value} times"));
        Assert.Equal(2000, listener.Count);
        Assert.Null(sink.Fault);
        Assert.Equal(0, sink.Metrics.ProduceFailures);
        Assert.Equal(2000, source.GetCommittableOffsets().Sum(o => o.Offset));
    }

    private static TestListener Counting(ConcurrentDictionary<string, int> state) => new()
    {
        OnRecord = record =>
        {
            state.AddOrUpdate(Encoding.UTF8.GetString(record.Value!), 1, (_, n) => n + 1);
            record.Complete();
        },
    };

    private static async Task ProduceAsync(KafkaSink sink, string topic, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await sink.ProduceAsync(topic, $"customer-{i % 101}", Encoding.UTF8.GetBytes($"{i}"));
        }
    }
}
