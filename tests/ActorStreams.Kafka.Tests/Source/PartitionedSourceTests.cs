using System.Text;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Kafka.Tests.Support;

namespace ActorStreams.Kafka.Tests.GroupSource;

[Trait("Category", "Integration")]
public sealed class PartitionedSourceTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Source_ProducedRecords_AreConsumedOnceWithKeysOnTheirPartitions()
    {
        var topic = fixture.CreateTopic("roundtrip", 4);
        var settings = fixture.Settings();
        await using (var sink = new KafkaSink(settings))
        {
            for (var i = 0; i < 1000; i++)
            {
                await sink.ProduceAsync(topic, $"customer-{i % 50}", Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
            }

            await sink.FlushAsync();
            Assert.Equal(1000, sink.Metrics.Produced);
        }

        var listener = new TestListener();
        await using var source = new PartitionedSource(settings, fixture.UniqueName("g"), TimeSpan.FromSeconds(6), [topic], listener);
        source.Start();
        await Eventually.Until(() => listener.Count >= 1000, Timeout, "1000 records are consumed");

        var values = listener.Records.Select(r => Encoding.UTF8.GetString(r.Value!)).ToList();
        Assert.Equal(1000, values.Distinct().Count());
        Assert.Equal(0, source.Metrics.MisroutedRecords);
        Assert.Equal(1000, source.Metrics.EventsIn(topic));
        Assert.Equal(4, listener.Assigned.Count);
    }

    [Fact]
    public async Task Source_SlowHandler_KeepsInFlightWithinLimitAndConsumesEverything()
    {
        const int Limit = 200;
        const int ResumeAt = 100;
        const int Total = 3000;
        var topic = fixture.CreateTopic("backpressure", 1);
        var settings = fixture.Settings(maxInFlight: Limit, resumeAt: ResumeAt);
        await using (var sink = new KafkaSink(settings))
        {
            for (var i = 0; i < Total; i++)
            {
                await sink.ProduceAsync(topic, "k", Encoding.UTF8.GetBytes($"{i}"));
            }

            await sink.FlushAsync();
        }

        var pending = new System.Collections.Concurrent.ConcurrentQueue<KafkaRecord>();
        var maxInFlight = 0;
        var pauses = 0;
        PartitionedSource? source = null;
        var listener = new TestListener
        {
            OnRecord = record =>
            {
                pending.Enqueue(record);
                var inFlight = source!.InFlight(record.Partition);
                InterlockedMax(ref maxInFlight, inFlight);
            },
        };
        await using (source = new PartitionedSource(settings, fixture.UniqueName("g"), TimeSpan.FromSeconds(6), [topic], listener))
        {
            source.Start();
            var partition = new KafkaPartition(topic, 0);

            // The "slow handler": it completes nothing until the source paused the partition, then drains
            // to just under the low-water mark, so every batch has to go through a pause and a resume.
            while (listener.Count < Total || !pending.IsEmpty)
            {
                await Eventually.Until(() => source.IsPaused(partition) || listener.Count == Total, Timeout, "the partition pauses at its limit");
                if (source.IsPaused(partition))
                {
                    pauses++;
                    Assert.Equal(1, source.Metrics.PausedPartitions);
                }

                while (pending.Count > ResumeAt - 10 || (listener.Count == Total && !pending.IsEmpty))
                {
                    Assert.True(pending.TryDequeue(out var record));
                    record.Complete();
                }

                await Eventually.Until(() => !source.IsPaused(partition), Timeout, "the partition resumes once drained");
            }

            Assert.Equal(Total, listener.Records.Select(r => r.Offset).Distinct().Count());
            Assert.InRange(maxInFlight, 1, Limit);
            Assert.True(pauses >= (Total / Limit) - 1, $"only {pauses} pauses");
            Assert.Equal(0, source.Metrics.InFlight);
            Assert.Equal(new KafkaPartitionOffset(partition, Total), Assert.Single(source.GetCommittableOffsets()));
        }
    }

    [Fact]
    public async Task Start_CoPartitionedTopicsWithDifferentCounts_RefusesWithEveryTopicAndCount()
    {
        var transactions = fixture.CreateTopic("tx", 4);
        var activity = fixture.CreateTopic("act", 3);
        var settings = fixture.Settings() with
        {
            Topics = KafkaTopics.Default with { Transactions = transactions, CustomerActivity = activity },
        };
        await using var source = new PartitionedSource(settings, fixture.UniqueName("g"), TimeSpan.FromSeconds(6), [transactions, activity], new TestListener());

        var error = Assert.Throws<KafkaLayerException>(source.Start);

        Assert.Contains("co-partitioned", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{transactions}\" = 4", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{activity}\" = 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MissingTopic_RefusesWithTheTopicName()
    {
        var missing = fixture.UniqueName("missing");
        await using var source = new PartitionedSource(fixture.Settings(), fixture.UniqueName("g"), TimeSpan.FromSeconds(6), [missing], new TestListener());

        var error = Assert.Throws<KafkaLayerException>(source.Start);

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_StartOffsetHook_SeeksToCheckpointedOffsets()
    {
        var topic = fixture.CreateTopic("seek", 2);
        var settings = fixture.Settings();
        await using (var sink = new KafkaSink(settings))
        {
            for (var i = 0; i < 100; i++)
            {
                await sink.ProduceAsync(topic, $"{i}", Encoding.UTF8.GetBytes($"{i}"));
            }

            await sink.FlushAsync();
        }

        var listener = new TestListener();
        var hooks = new SourceHooks
        {
            StartOffsets = (partitions, _) => Task.FromResult<IReadOnlyDictionary<KafkaPartition, long>>(
                partitions.Where(p => p.Partition == 0).ToDictionary(p => p, _ => 10L)),
        };
        await using var source = new PartitionedSource(
            settings, fixture.UniqueName("g"), TimeSpan.FromSeconds(6), [topic], listener, new PartitionedSourceOptions { Hooks = hooks });
        source.Start();

        var expected = 0L;
        await Eventually.Until(
            () =>
            {
                var offsets = source.GetCommittableOffsets();
                expected = offsets.Sum(o => o.Offset);
                return offsets.Count == 2 && listener.Count == expected - 10;
            },
            Timeout,
            "both partitions are read to their end");
        Assert.Equal(10, listener.Records.Where(r => r.Partition.Partition == 0).Min(r => r.Offset));
        Assert.Equal(0, listener.Records.Where(r => r.Partition.Partition == 1).Min(r => r.Offset));
        Assert.Equal(90, listener.Count);
    }

    [Fact]
    public async Task Source_PositionDroppedByRetention_CountsLostRecords()
    {
        // The dev broker keeps at most 5 MiB per partition: 7 MiB of incompressible values drop the oldest.
        var topic = fixture.CreateTopic("retention", 1);
        var settings = fixture.Settings() with
        {
            Producer = fixture.Settings().Producer with { Properties = new Dictionary<string, string> { ["compression.type"] = "none" } },
        };
        var random = new Random(42);
        await using (var sink = new KafkaSink(settings))
        {
            for (var i = 0; i < 700; i++)
            {
                var value = new byte[10 * 1024];
                random.NextBytes(value);
                await sink.ProduceAsync(topic, $"{i}", value);
            }

            await sink.FlushAsync();
        }

        var listener = new TestListener();
        var hooks = new SourceHooks
        {
            StartOffsets = (partitions, _) => Task.FromResult<IReadOnlyDictionary<KafkaPartition, long>>(partitions.ToDictionary(p => p, _ => 0L)),
        };
        await using var source = new PartitionedSource(
            settings, fixture.UniqueName("g"), TimeSpan.FromSeconds(6), [topic], listener, new PartitionedSourceOptions { Hooks = hooks });
        source.Start();

        await Eventually.Until(() => source.GetCommittableOffsets() is [{ Offset: 700 }], Timeout, "the partition is read to its end");
        var first = listener.Records.Min(r => r.Offset);
        Assert.True(first > 0, "the broker should have dropped the oldest records");
        Assert.Equal(first, source.Metrics.RecordsLostToRetention);
        Assert.Equal(700 - first, listener.Count);
    }

    [Fact]
    public async Task CommitAsync_ThenNewMemberOfTheGroup_ResumesAtTheCommittedOffset()
    {
        var topic = fixture.CreateTopic("commit", 1);
        var group = fixture.UniqueName("g");
        var settings = fixture.Settings();
        await using var sink = new KafkaSink(settings);
        for (var i = 0; i < 100; i++)
        {
            await sink.ProduceAsync(topic, $"{i}", Encoding.UTF8.GetBytes($"{i}"));
        }

        await sink.FlushAsync();
        var first = new TestListener();
        await using (var source = new PartitionedSource(settings, group, TimeSpan.FromSeconds(6), [topic], first))
        {
            source.Start();
            await Eventually.Until(() => source.GetCommittableOffsets() is [{ Offset: 100 }], Timeout, "the first member read everything");
            Assert.True(await source.CommitAsync(source.GetCommittableOffsets()));
        }

        for (var i = 100; i < 150; i++)
        {
            await sink.ProduceAsync(topic, $"{i}", Encoding.UTF8.GetBytes($"{i}"));
        }

        await sink.FlushAsync();
        var second = new TestListener();
        await using var next = new PartitionedSource(settings, group, TimeSpan.FromSeconds(6), [topic], second);
        next.Start();
        await Eventually.Until(() => next.GetCommittableOffsets() is [{ Offset: 150 }], Timeout, "the next member read the new records");

        Assert.Equal(100, first.Count);
        Assert.Equal(Enumerable.Range(100, 50).Select(i => (long)i), second.Records.Select(r => r.Offset));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
