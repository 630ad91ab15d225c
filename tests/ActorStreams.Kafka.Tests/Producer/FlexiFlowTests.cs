using System.Text;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.Tests.Support;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Kafka.Tests.Producer;

/// <summary>The producer flow: pass-through values after delivery, in order; backpressure instead of blocking or dropping.</summary>
[Trait("Category", "Integration")]
public sealed class FlexiFlowTests(BrokerFixture fixture, ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FlexiFlow_Envelopes_EmitPassThroughInOrderAfterEveryRecordIsReadable()
    {
        var topic = fixture.CreateTopic("flexi", 2);
        await using var sink = new KafkaSink(fixture.Settings());
        var envelopes = Enumerable.Range(0, 100).Select(i => new ProducerEnvelope<int>(
            [.. Enumerable.Range(0, i % 3).Select(j => new ProducerRecord(topic, Encoding.UTF8.GetBytes($"k{i}"), Encoding.UTF8.GetBytes($"{i}.{j}")))],
            i));

        var emitted = await Source.From(envelopes).Via(KafkaProducer.FlexiFlow<int>(sink, parallelism: 16))
            .RunWith(Sink.Seq<int>(), Sys.Materializer()).WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(0, 100), emitted);
        Assert.Equal(Enumerable.Range(0, 100).Sum(i => i % 3), sink.Metrics.Produced);
        await using var host = new KafkaConsumerHost(fixture.Settings(), fixture.UniqueName("g"));
        host.Start();
        var read = await KafkaConsumer.PlainExternalSource(host, [new(new KafkaPartition(topic, 0), null), new(new KafkaPartition(topic, 1), null)])
            .Take(sink.Metrics.Produced).Select(r => Encoding.UTF8.GetString(r.Value!)).RunWith(Sink.Seq<string>(), Sys.Materializer()).WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(0, 100).SelectMany(i => Enumerable.Range(0, i % 3).Select(j => $"{i}.{j}")).Order(), read.Order());
    }

    [Fact]
    public async Task FlexiFlow_RecordsToSeveralTopics_AreCountedPerTopicAsTheyAreDelivered()
    {
        var alerts = fixture.CreateTopic("per-topic-alerts", 2);
        var metrics = fixture.CreateTopic("per-topic-metrics", 1);
        await using var sink = new KafkaSink(fixture.Settings());
        var envelopes = Enumerable.Range(0, 30).Select(i => new ProducerEnvelope<int>(
            [
                new ProducerRecord(alerts, Encoding.UTF8.GetBytes($"k{i}"), Encoding.UTF8.GetBytes($"alert {i}")),
                .. Enumerable.Range(0, i % 2).Select(j => new ProducerRecord(metrics, Encoding.UTF8.GetBytes($"k{i}"), Encoding.UTF8.GetBytes($"metric {i}"))),
            ],
            i));

        await Source.From(envelopes).Via(KafkaProducer.FlexiFlow<int>(sink, parallelism: 8)).RunWith(Sink.Ignore<int>(), Sys.Materializer()).WaitAsync(Timeout);

        Assert.Equal(new Dictionary<string, long> { [alerts] = 30, [metrics] = 15 }, sink.Metrics.ProducedByTopic);
        Assert.Equal(45, sink.Metrics.Produced);
    }

    [Fact]
    public async Task FlexiFlow_ControlRecordsToExplicitPartitions_LandOnThem()
    {
        var topic = fixture.CreateTopic("explicit", 3);
        await using var sink = new KafkaSink(fixture.Settings());
        var control = new ProducerEnvelope<string>([.. Enumerable.Range(0, 3).Select(p => new ProducerRecord(topic, null, Encoding.UTF8.GetBytes($"to-{p}"), p))], "done");

        Assert.Equal("done", await Source.Single(control).Via(KafkaProducer.FlexiFlow<string>(sink)).RunWith(Sink.First<string>(), Sys.Materializer()).WaitAsync(Timeout));

        await using var host = new KafkaConsumerHost(fixture.Settings(), fixture.UniqueName("g"));
        host.Start();
        var read = await KafkaConsumer.PlainExternalSource(host, [.. Enumerable.Range(0, 3).Select(p => new KafkaPartitionStart(new KafkaPartition(topic, p), null))])
            .Take(3).RunWith(Sink.Seq<ConsumedRecord>(), Sys.Materializer()).WaitAsync(Timeout);
        Assert.All(read, r => Assert.Equal($"to-{r.Partition}", Encoding.UTF8.GetString(r.Value!)));
    }

    [Fact]
    public async Task FlexiFlow_ProducerBufferFullWhileTheBrokerIsDown_BackpressuresThenDeliversEverything()
    {
        var topic = fixture.CreateTopic("full", 1);
        var settings = fixture.Settings() with { Producer = fixture.Settings().Producer with { MaxBufferedMessages = 10 } };
        await using var sink = new KafkaSink(settings);
        await sink.ProduceAndWaitAsync(topic, null, "warm-up"u8.ToArray());
        var (upstream, downstream) = this.SourceProbe<ProducerEnvelope<int>>()
            .Via(KafkaProducer.FlexiFlow<int>(sink))
            .ToMaterialized(this.SinkProbe<int>(), Keep.Both)
            .Run(Sys.Materializer());
        downstream.Request(20);

        fixture.Broker.SetBrokerDown(1);
        try
        {
            for (var i = 0; i < 12; i++)
            {
                upstream.SendNext(new ProducerEnvelope<int>([new ProducerRecord(topic, null, Encoding.UTF8.GetBytes($"{i}"))], i));
            }

            // 10 records fill the producer's buffer: the 11th waits in the stage, the 12th in the probe (no demand).
            downstream.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
            Assert.Equal(10, sink.Pending);
        }
        finally
        {
            fixture.Broker.SetBrokerUp(1);
        }

        Assert.Equal(Enumerable.Range(0, 12), downstream.ExpectNextN(12, Timeout));
        upstream.SendComplete();
        downstream.ExpectComplete();
        Assert.Null(sink.Fault);
    }

    [Fact]
    public async Task FlexiFlow_DeliveryFailsForGood_FailsTheStream()
    {
        var topic = fixture.CreateTopic("fails", 1);
        var settings = fixture.Settings() with
        {
            Producer = fixture.Settings().Producer with { Properties = new Dictionary<string, string> { ["message.timeout.ms"] = "1500" } },
        };
        await using var sink = new KafkaSink(settings);
        await sink.ProduceAndWaitAsync(topic, null, "warm-up"u8.ToArray());

        fixture.Broker.SetBrokerDown(1);
        Task<int> result;
        try
        {
            result = Source.Single(new ProducerEnvelope<int>([new ProducerRecord(topic, null, "lost?"u8.ToArray())], 1))
                .Via(KafkaProducer.FlexiFlow<int>(sink)).RunWith(Sink.First<int>(), Sys.Materializer());
            var error = await Assert.ThrowsAsync<KafkaSinkFaultException>(() => result.WaitAsync(Timeout));
            Assert.Contains(topic, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Broker.SetBrokerUp(1);
        }
    }
}
