using System.Text;
using ActorStreams.Kafka.Broker;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.Tests.Support;
using Akka.Streams;
using Xunit.Abstractions;

namespace ActorStreams.Kafka.Tests;

/// <summary>Faults injected into the dev broker: nothing is lost and nothing is read twice.</summary>
[Trait("Category", "Integration")]
public sealed class FaultInjectionTests(BrokerFixture fixture, ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<BrokerFixture>
{
    private const int Partitions = 3;
    private const int Total = 2000;
    // A clean run takes about 10 s (librdkafka backs off after each injected transport error); on two busy cores it has
    // taken more than 45.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task BrokerDownForSeconds_WhileProducingAndConsuming_LosesAndDuplicatesNothing()
    {
        var topic = fixture.CreateTopic("down", Partitions);
        var settings = fixture.Settings();
        await using var host = new KafkaConsumerHost(settings, fixture.UniqueName("g"));
        host.Start();
        using var consumed = RecordCollector.Run(host, RecordCollector.FromBeginning(topic, Partitions), Sys.Materializer());
        await using var sink = new KafkaSink(settings);
        await ProduceAsync(sink, topic, 0, 500);
        await AwaitConditionAsync(() => Task.FromResult(consumed.Count >= 500), Timeout, "the first records are consumed");

        fixture.Broker.SetBrokerDown(1);
        Task producing;
        try
        {
            producing = ProduceAsync(sink, topic, 500, Total - 500);
            await Task.Delay(TimeSpan.FromSeconds(3)); // the outage itself, not a synchronisation
            Assert.Equal(500, consumed.Count); // nothing can be consumed while the only broker is down
        }
        finally
        {
            fixture.Broker.SetBrokerUp(1);
        }

        await producing.WaitAsync(Timeout);
        await sink.FlushAsync();

        await AwaitConditionAsync(() => Task.FromResult(consumed.Count >= Total), Timeout, "every record is consumed after the broker came back");
        AssertEveryValueOnceInOffsetOrder(consumed.Records);
        Assert.Equal(Total, host.Positions().Where(p => p.Partition.Topic == topic).Sum(p => p.Position));
        Assert.Null(sink.Fault);
        Assert.False(consumed.Completion.IsCompleted, "the source outlives the outage");
    }

    [Fact]
    public async Task RequestErrorsOnProduceAndFetch_AreRetried_LosingAndDuplicatingNothing()
    {
        var topic = fixture.CreateTopic("errors", Partitions);
        var settings = fixture.Settings();
        await using var host = new KafkaConsumerHost(settings, fixture.UniqueName("g"));
        host.Start();
        using var consumed = RecordCollector.Run(host, RecordCollector.FromBeginning(topic, Partitions), Sys.Materializer());
        await using var sink = new KafkaSink(settings);
        await ProduceAsync(sink, topic, 0, 100);
        await AwaitConditionAsync(() => Task.FromResult(consumed.Count >= 100), Timeout, "the first records are consumed");

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
        await ProduceAsync(sink, topic, 100, Total - 100);
        await sink.FlushAsync();

        await AwaitConditionAsync(() => Task.FromResult(consumed.Count >= Total), Timeout, "every record is consumed despite the errors");
        AssertEveryValueOnceInOffsetOrder(consumed.Records);
        Assert.Equal(Total, host.Positions().Where(p => p.Partition.Topic == topic).Sum(p => p.Position));
        Assert.Null(sink.Fault);
        Assert.Equal(0, sink.Metrics.ProduceFailures);
        Assert.Equal(Total, sink.Metrics.Produced);
    }

    /// <summary>Values 0 to <see cref="Total"/> − 1, each read once, and every partition read from offset 0 without a gap or a repeat.</summary>
    private static void AssertEveryValueOnceInOffsetOrder(IReadOnlyList<ConsumedRecord> records)
    {
        var reads = records.CountBy(r => Encoding.UTF8.GetString(r.Value!)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        Assert.All(reads, r => Assert.True(r.Value == 1, $"value {r.Key} read {r.Value} times"));
        Assert.Equal(Enumerable.Range(0, Total).Select(i => $"{i}").Order(StringComparer.Ordinal), reads.Keys.Order(StringComparer.Ordinal));
        Assert.All(
            records.GroupBy(r => r.Partition),
            partition => Assert.Equal(Enumerable.Range(0, partition.Count()).Select(o => (long)o), partition.Select(r => r.Offset)));
    }

    private static async Task ProduceAsync(KafkaSink sink, string topic, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await sink.ProduceAsync(topic, $"customer-{i % 101}", Encoding.UTF8.GetBytes($"{i}"));
        }
    }
}
