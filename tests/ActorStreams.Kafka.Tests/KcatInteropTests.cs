using System.Collections.Immutable;
using System.Text;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Partitioning;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.Tests.Support;
using Akka.Streams;
using Akka.Streams.Dsl;
using Xunit.Abstractions;

namespace ActorStreams.Kafka.Tests;

/// <summary>Interop with kcat, an independent librdkafka client, over the dev broker's TCP listener.</summary>
[Trait("Category", "Integration")]
public sealed class KcatInteropTests(BrokerFixture fixture, ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<BrokerFixture>
{
    private const int Partitions = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Kcat_ProducedWithMurmur2Random_LandsWhereOurPartitionerSaysAndIsConsumed()
    {
        var topic = fixture.CreateTopic("kcat-in", Partitions);
        var keys = Enumerable.Range(0, 300).Select(i => $"{100_000 + (i * 37)}").ToList();
        var input = string.Concat(keys.Select((key, i) => $"{key}:{{\"n\":{i}}}\n"));

        await Kcat.RunAsync(["-P", "-b", fixture.BootstrapServers, "-t", topic, "-K:", "-X", "topic.partitioner=murmur2_random"], input);

        // kcat's own view of where each key went.
        var placed = (await Kcat.RunAsync(["-C", "-b", fixture.BootstrapServers, "-t", topic, "-e", "-o", "beginning", "-q", "-f", "%p %k\\n"]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToList();
        Assert.Equal(keys.Count, placed.Count);
        Assert.All(placed, p => Assert.Equal(Murmur2Partitioner.Partition(p[1], Partitions), int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture)));

        await using var host = StartHost();
        var records = await ReadAsync(host, topic, Partitions, keys.Count);

        Assert.Equal(keys.Order(StringComparer.Ordinal), records.Select(r => r.KeyString!).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(Murmur2Partitioner.Partition(r.Key!, Partitions), r.Partition));
        Assert.Equal(0, host.Metrics.MisroutedRecords);
    }

    [Fact]
    public async Task Kcat_ReadsBackWhatOurSinkProduced()
    {
        var topic = fixture.CreateTopic("kcat-out", Partitions);
        var expected = Enumerable.Range(0, 250).Select(i => (Key: $"customer-{i}", Value: $"{{\"amount\":{i}.5,\"text\":\"é{i}\"}}")).ToList();
        await using (var sink = new KafkaSink(fixture.Settings()))
        {
            foreach (var (key, value) in expected)
            {
                await sink.ProduceAsync(topic, key, Encoding.UTF8.GetBytes(value));
            }

            await sink.FlushAsync();
        }

        var lines = (await Kcat.RunAsync(["-C", "-b", fixture.BootstrapServers, "-t", topic, "-e", "-o", "beginning", "-q", "-f", "%p\\t%k\\t%s\\n"]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToList();

        Assert.Equal(expected.Count, lines.Count);
        Assert.Equal(expected.Select(e => $"{e.Key}\t{e.Value}").Order(StringComparer.Ordinal), lines.Select(l => $"{l[1]}\t{l[2]}").Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal(Murmur2Partitioner.Partition(l[1], Partitions), int.Parse(l[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Source_KcatRecordsOnTheWrongPartition_AreCountedAsMisroutedAndDelivered()
    {
        var topic = fixture.CreateTopic("misrouted", 3);
        var key = "customer-1";
        var wrong = (Murmur2Partitioner.Partition(key, 3) + 1) % 3;

        // kcat -p forces a partition: what an upstream producer with another partitioner would do.
        await Kcat.RunAsync(["-P", "-b", fixture.BootstrapServers, "-t", topic, "-p", $"{wrong}", "-K:"], $"{key}:a\n{key}:b\n");
        await Kcat.RunAsync(["-P", "-b", fixture.BootstrapServers, "-t", topic, "-K:", "-X", "topic.partitioner=murmur2_random"], $"{key}:c\n");

        await using var host = StartHost();
        var records = await ReadAsync(host, topic, 3, 3);

        Assert.Equal(["a", "b", "c"], records.Select(r => Encoding.UTF8.GetString(r.Value!)).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(key, r.KeyString));
        Assert.Equal(2, records.Count(r => r.Partition == wrong));
        Assert.Equal(2, host.Metrics.MisroutedRecords);
    }

    private KafkaConsumerHost StartHost()
    {
        var host = new KafkaConsumerHost(fixture.Settings(), fixture.UniqueName("g"));
        host.Start();
        return host;
    }

    /// <summary>The first <paramref name="count"/> records of every partition of <paramref name="topic"/>, read by one source.</summary>
    private Task<IImmutableList<ConsumedRecord>> ReadAsync(KafkaConsumerHost host, string topic, int partitions, int count) =>
        KafkaConsumer.PlainExternalSource(host, RecordCollector.FromBeginning(topic, partitions))
            .Take(count)
            .RunWith(Sink.Seq<ConsumedRecord>(), Sys.Materializer())
            .WaitAsync(Timeout);
}
