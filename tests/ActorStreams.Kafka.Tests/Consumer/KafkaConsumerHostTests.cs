using System.Text;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Partitioning;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.Tests.Support;
using Akka.Streams;
using Akka.Streams.Dsl;
using Xunit.Abstractions;

namespace ActorStreams.Kafka.Tests.Consumer;

/// <summary>The consumer's own checks on what it reads: the murmur2 routing of keys and records lost to retention.</summary>
[Trait("Category", "Integration")]
public sealed class KafkaConsumerHostTests(BrokerFixture fixture, ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<BrokerFixture>
{
    private const int Partitions = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Metrics_KeysProducedToAnotherPartitionThanTheirHash_CountsThemAsMisroutedAndStillDeliversThem()
    {
        var topic = fixture.CreateTopic("misrouted", Partitions);
        var produced = new List<(string Key, int Partition, bool Misrouted)>();
        var acknowledged = new CountingCallback();
        await using (var sink = new KafkaSink(fixture.Settings()))
        {
            for (var i = 0; i < 60; i++)
            {
                var key = $"customer-{i}";
                var home = Murmur2Partitioner.Partition(key, Partitions);
                var misrouted = i % 3 == 0;
                var partition = misrouted ? (home + 1 + (i % 2)) % Partitions : home;
                while (!sink.TryProduce(topic, partition, Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{i}"), acknowledged))
                {
                    await sink.WhenRoomAsync();
                }

                produced.Add((key, partition, misrouted));
            }

            await sink.FlushAsync();
        }

        Assert.Equal(produced.Count, acknowledged.Delivered);
        await using var host = StartHost();
        var records = await KafkaConsumer.PlainExternalSource(host, RecordCollector.FromBeginning(topic, Partitions))
            .Take(produced.Count)
            .RunWith(Sink.Seq<ConsumedRecord>(), Sys.Materializer())
            .WaitAsync(Timeout);

        Assert.Equal(
            produced.Select(p => $"{p.Key}@{p.Partition}").Order(StringComparer.Ordinal),
            records.Select(r => $"{r.KeyString}@{r.Partition}").Order(StringComparer.Ordinal));
        Assert.Equal(20, produced.Count(p => p.Misrouted));
        Assert.Equal(20, host.Metrics.MisroutedRecords);
    }

    [Fact]
    public async Task Metrics_StartOffsetDroppedByRetention_CountsTheLostRecordsAndReadsFromTheLogStart()
    {
        // The dev broker keeps at most 5 MiB per partition: 7 MiB of incompressible values drop the oldest.
        const int Total = 700;
        var topic = fixture.CreateTopic("retention", 1);
        var settings = fixture.Settings() with
        {
            Producer = fixture.Settings().Producer with { Properties = new Dictionary<string, string> { ["compression.type"] = "none" } },
        };
        var random = new Random(42);
        await using (var sink = new KafkaSink(settings))
        {
            for (var i = 0; i < Total; i++)
            {
                var value = new byte[10 * 1024];
                random.NextBytes(value);
                await sink.ProduceAsync(topic, $"{i}", value);
            }

            await sink.FlushAsync();
        }

        await using var host = StartHost();
        using var consumed = RecordCollector.Run(host, [new KafkaPartitionStart(new KafkaPartition(topic, 0), 0)], Sys.Materializer());
        await AwaitConditionAsync(
            () => Task.FromResult(consumed.Records is [.., { Offset: Total - 1 }]), Timeout, "the partition is read to its end");

        var offsets = consumed.Records.Select(r => r.Offset).ToList();
        var first = offsets[0];
        Assert.True(first > 0, "the broker should have dropped the oldest records");
        Assert.Equal(Enumerable.Range((int)first, Total - (int)first).Select(o => (long)o), offsets);
        Assert.Equal(first, host.Metrics.RecordsLostToRetention);
    }

    private KafkaConsumerHost StartHost()
    {
        var host = new KafkaConsumerHost(fixture.Settings(), fixture.UniqueName("g"));
        host.Start();
        return host;
    }

    /// <summary>Counts the acknowledged records of every <see cref="KafkaSink.TryProduce"/> made with it.</summary>
    private sealed class CountingCallback : DeliveryCallback
    {
        private int _delivered;

        public int Delivered => Volatile.Read(ref _delivered);

        protected internal override void OnDelivered(string? error)
        {
            if (error is null)
            {
                Interlocked.Increment(ref _delivered);
            }
        }
    }
}
