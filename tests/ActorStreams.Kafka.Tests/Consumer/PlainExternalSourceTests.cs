using System.Text;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.Tests.Support;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Kafka.Tests.Consumer;

/// <summary>The per-partition sources of the node's one consumer, driven with Akka.Streams.TestKit probes.</summary>
[Trait("Category", "Integration")]
public sealed class PlainExternalSourceTests(BrokerFixture fixture, ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Source_TwoPartitionsFromTheirStartOffsets_EmitsExactlyTheirRecordsInOffsetOrder()
    {
        var topic = fixture.CreateTopic("plain", 3);
        await ProduceAsync(topic, partitions: [0, 1, 2], perPartition: 50);
        await using var host = StartHost();

        var probe = KafkaConsumer.PlainExternalSource(host, [Start(topic, 0, 10), Start(topic, 1, null)])
            .RunWith(this.SinkProbe<ConsumedRecord>(), Sys.Materializer());
        probe.Request(200);
        var records = probe.ExpectNextN(90, Timeout);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Assert.Equal(Enumerable.Range(10, 40).Select(o => (long)o), records.Where(r => r.Partition == 0).Select(r => r.Offset));
        Assert.Equal(Enumerable.Range(0, 50).Select(o => (long)o), records.Where(r => r.Partition == 1).Select(r => r.Offset));
        Assert.All(records, r => Assert.Equal($"p{r.Partition}-{r.Offset}", Encoding.UTF8.GetString(r.Value!)));
        probe.Cancel();
    }

    [Fact]
    public async Task Source_NoDemand_PausesItsPartitionsAndResumesWithoutLosingOrRepeatingRecords()
    {
        var topic = fixture.CreateTopic("pause", 1);
        await ProduceAsync(topic, partitions: [0], perPartition: 3_000);
        await using var host = StartHost();

        var probe = KafkaConsumer.PlainExternalSource(host, [Start(topic, 0, null)], bufferSize: 100)
            .RunWith(this.SinkProbe<ConsumedRecord>(), Sys.Materializer());
        probe.Request(1);
        probe.ExpectNext(Timeout);
        await AwaitConditionAsync(() => Task.FromResult(host.Metrics.PausedPartitions == 1), Timeout);

        var offsets = new List<long> { 0 };
        while (offsets.Count < 3_000)
        {
            probe.Request(500);
            offsets.AddRange(probe.ExpectNextN(Math.Min(500, 3_000 - offsets.Count), Timeout).Select(r => r.Offset));
        }

        Assert.Equal(Enumerable.Range(0, 3_000).Select(o => (long)o), offsets);
        await AwaitConditionAsync(() => Task.FromResult(host.Metrics.PausedPartitions == 0), Timeout);
        probe.Cancel();
    }

    [Fact]
    public async Task Source_CancelledWhileItsPartitionIsPaused_ANewSourceOfThePartitionReadsOn()
    {
        // A partition restarting on the same node (its consumer stopped after a failed checkpoint) while its backlog had
        // paused it: librdkafka keeps a pause across an unassignment, so the host resumes the partition before it lets go.
        var topic = fixture.CreateTopic("restart-paused", 1);
        await ProduceAsync(topic, partitions: [0], perPartition: 3_000);
        await using var host = StartHost();
        var first = KafkaConsumer.PlainExternalSource(host, [Start(topic, 0, null)], bufferSize: 100)
            .RunWith(this.SinkProbe<ConsumedRecord>(), Sys.Materializer());
        first.Request(1);
        first.ExpectNext(Timeout);
        await AwaitConditionAsync(() => Task.FromResult(host.Metrics.PausedPartitions == 1), Timeout);
        first.Cancel();
        await AwaitConditionAsync(() => Task.FromResult(host.Positions().All(p => p.Partition.Topic != topic)), Timeout);
        Assert.Equal(0, host.Metrics.PausedPartitions);

        var second = KafkaConsumer.PlainExternalSource(host, [Start(topic, 0, 1)], bufferSize: 100)
            .RunWith(this.SinkProbe<ConsumedRecord>(), Sys.Materializer());
        var offsets = new List<long>();
        while (offsets.Count < 2_999)
        {
            second.Request(500);
            offsets.AddRange(second.ExpectNextN(Math.Min(500, 2_999 - offsets.Count), Timeout).Select(r => r.Offset));
        }

        Assert.Equal(Enumerable.Range(1, 2_999).Select(o => (long)o), offsets);
        second.Cancel();
    }

    [Fact]
    public async Task IsAtEnd_FalseWhileRecordsRemainToFetch_TrueOnceEveryRecordIsFetched()
    {
        var topic = fixture.CreateTopic("at-end", 2);
        var partition = new KafkaPartition(topic, 0);
        await ProduceAsync(topic, partitions: [0], perPartition: 2_000);
        await using var host = StartHost();
        Assert.False(host.IsAtEnd(partition));

        // A slow stream: the partition is paused with most of its records still in the log.
        var probe = KafkaConsumer.PlainExternalSource(host, [Start(topic, 0, null), Start(topic, 1, null)], bufferSize: 100)
            .RunWith(this.SinkProbe<ConsumedRecord>(), Sys.Materializer());
        probe.Request(1);
        probe.ExpectNext(Timeout);
        await AwaitConditionAsync(() => Task.FromResult(host.Metrics.PausedPartitions > 0), Timeout);
        Assert.False(host.IsAtEnd(partition));

        // Both are at their end once the stream has taken everything (the empty one from its first fetch).
        probe.Request(1_999);
        Assert.Equal(1_999, probe.ExpectNextN(1_999, Timeout).Count());
        await AwaitConditionAsync(() => Task.FromResult(host.IsAtEnd(partition) && host.IsAtEnd(new KafkaPartition(topic, 1))), Timeout);
        Assert.False(host.IsAtEnd(new KafkaPartition(topic, 2)));
        probe.Cancel();
    }

    [Fact]
    public async Task Source_Cancelled_UnassignsItsPartitions()
    {
        var topic = fixture.CreateTopic("unassign", 2);
        await ProduceAsync(topic, partitions: [0, 1], perPartition: 5);
        await using var host = StartHost();

        var probe = KafkaConsumer.PlainExternalSource(host, [Start(topic, 0, null), Start(topic, 1, null)])
            .RunWith(this.SinkProbe<ConsumedRecord>(), Sys.Materializer());
        probe.Request(10);
        probe.ExpectNextN(10, Timeout);
        Assert.Equal(2, host.Positions().Count(p => p.Partition.Topic == topic));
        Assert.All(host.Positions().Where(p => p.Partition.Topic == topic), p => Assert.Equal(5, p.Position));

        probe.Cancel();

        await AwaitConditionAsync(() => Task.FromResult(host.Positions().All(p => p.Partition.Topic != topic)), Timeout);
    }

    [Fact]
    public async Task Source_PartitionTakenByANewerSource_FailsTheOlderOneOnly()
    {
        var topic = fixture.CreateTopic("takeover", 1);
        await ProduceAsync(topic, partitions: [0], perPartition: 10);
        await using var host = StartHost();
        var older = KafkaConsumer.PlainExternalSource(host, [Start(topic, 0, null)]).RunWith(this.SinkProbe<ConsumedRecord>(), Sys.Materializer());
        older.Request(10);
        older.ExpectNextN(10, Timeout);

        var newer = KafkaConsumer.PlainExternalSource(host, [Start(topic, 0, 5)]).RunWith(this.SinkProbe<ConsumedRecord>(), Sys.Materializer());
        newer.Request(10);

        Assert.IsType<KafkaLayerException>(older.ExpectError());
        Assert.Equal(Enumerable.Range(5, 5).Select(o => (long)o), newer.ExpectNextN(5, Timeout).Select(r => r.Offset));
        newer.Cancel();
    }

    [Fact]
    public async Task Commit_NextOffsets_AreTheGroupsCommittedOffsets()
    {
        var topic = fixture.CreateTopic("commit", 2);
        await using var host = StartHost();

        host.Commit([new KafkaPartitionOffset(new KafkaPartition(topic, 0), 42), new KafkaPartitionOffset(new KafkaPartition(topic, 1), 7)]);

        using var reader = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = fixture.BootstrapServers,
            GroupId = host.GroupId,
        }).Build();
        await AwaitConditionAsync(
            () => Task.FromResult(reader.Committed([new Confluent.Kafka.TopicPartition(topic, 0), new Confluent.Kafka.TopicPartition(topic, 1)], Timeout)
                .Select(c => c.Offset.Value).SequenceEqual([42L, 7L])),
            Timeout);
    }

    private KafkaConsumerHost StartHost()
    {
        var host = new KafkaConsumerHost(fixture.Settings(), fixture.UniqueName("group"));
        host.Start();
        return host;
    }

    private static KafkaPartitionStart Start(string topic, int partition, long? offset) => new(new KafkaPartition(topic, partition), offset);

    private async Task ProduceAsync(string topic, int[] partitions, int perPartition)
    {
        await using var sink = new KafkaSink(fixture.Settings());
        var delivered = new List<Task<KafkaPartitionOffset>>();
        foreach (var partition in partitions)
        {
            for (var i = 0; i < perPartition; i++)
            {
                delivered.Add(new ExplicitPartition(sink, topic, partition).ProduceAsync(Encoding.UTF8.GetBytes($"p{partition}-{i}")));
                await delivered[^1];
            }
        }
    }

    /// <summary>Produces to one partition and completes when the record is acknowledged.</summary>
    private sealed class ExplicitPartition(KafkaSink sink, string topic, int partition) : DeliveryCallback
    {
        private readonly TaskCompletionSource<KafkaPartitionOffset> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<KafkaPartitionOffset> ProduceAsync(byte[] value)
        {
            while (!sink.TryProduce(topic, partition, null, value, this))
            {
                await sink.WhenRoomAsync();
            }

            return await _done.Task;
        }

        protected internal override void OnDelivered(string? error)
        {
            if (error is null)
            {
                _done.TrySetResult(new KafkaPartitionOffset(new KafkaPartition(topic, partition), 0));
            }
            else
            {
                _done.TrySetException(new KafkaSinkFaultException(error));
            }
        }
    }
}
