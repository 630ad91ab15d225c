using System.Collections.Concurrent;
using System.Text;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.GroupSource;
using ActorStreams.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace ActorStreams.Kafka.Tests.GroupSource;

[Trait("Category", "Integration")]
public sealed class PartitionedSourceRebalanceTests(BrokerFixture fixture, ITestOutputHelper output) : IClassFixture<BrokerFixture>
{
    private const int Partitions = 6;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Session = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Rebalance_SecondMemberJoinsAndFirstLeaves_PartitionsMoveWithoutDuplicatesOrLoss()
    {
        var topic = fixture.CreateTopic("rebalance", Partitions);
        var group = fixture.UniqueName("group");
        var settings = fixture.Settings();
        var processed = new ConcurrentDictionary<(int Partition, long Offset), int>();
        // The store: checkpoints are the source of truth for start offsets (docs/design.md §3). The dev broker
        // rejects commits made during a rebalance (real Kafka accepts them), so group commits alone would replay.
        var store = new ConcurrentDictionary<KafkaPartition, long>();
        var checkpoints = 0;
        var produced = 0;
        await using var sink = new KafkaSink(settings);

        async Task ProduceAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var n = Interlocked.Increment(ref produced);
                await sink.ProduceAsync(topic, $"customer-{n % 97}", Encoding.UTF8.GetBytes($"{n}"));
            }

            await sink.FlushAsync();
        }

        TestListener Listener() => new()
        {
            OnRecord = record =>
            {
                // Completed on another thread, later: revocations must drain these before checkpointing.
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    processed.AddOrUpdate((record.Partition.Partition, record.Offset), 1, (_, n) => n + 1);
                    record.Complete();
                });
            },
        };

        PartitionedSource Member(string id, TestListener listener) => new(
            settings,
            group,
            Session,
            [topic],
            listener,
            new PartitionedSourceOptions
            {
                ClientIdSuffix = id,
                Logger = new TestOutputLogger(output, id),
                Hooks = new SourceHooks
                {
                    Checkpoint = (offsets, _) =>
                    {
                        foreach (var offset in offsets)
                        {
                            store[offset.Partition] = offset.Offset;
                        }

                        Interlocked.Increment(ref checkpoints);
                        return Task.CompletedTask;
                    },
                    StartOffsets = (partitions, _) => Task.FromResult<IReadOnlyDictionary<KafkaPartition, long>>(
                        partitions.Where(store.ContainsKey).ToDictionary(p => p, p => store[p])),
                },
            });

        await ProduceAsync(600);
        var first = Listener();
        var a = Member("a", first);
        a.Start();
        await Eventually.Until(() => first.Assigned.Count == Partitions && processed.Count == 600, Timeout, "member a owns every partition and read the backlog");

        // A second member joins: the range assignor splits the partitions, a's revocation commits its offsets.
        var second = Listener();
        await using var b = Member("b", second);
        b.Start();
        await Eventually.Until(
            () => first.Assigned.Count == Partitions / 2 && second.Assigned.Count == Partitions / 2,
            Timeout,
            "the partitions are split between a and b");
        Assert.Empty(first.Assigned.Intersect(second.Assigned));
        Assert.True(first.Revocations >= 1);
        Assert.True(checkpoints >= 1, "a checkpointed its partitions when they were revoked");

        await ProduceAsync(600);
        await Eventually.Until(() => processed.Count == 1200, Timeout, "both members read the new records");
        Assert.True(second.Count > 0, "b processed records of its partitions");

        // The first member leaves: its partitions move to b, which starts at a's committed offsets.
        await a.StopAsync();
        await a.Completion;
        await Eventually.Until(() => second.Assigned.Count == Partitions, Timeout, "b owns every partition after a left");
        await ProduceAsync(600);
        await Eventually.Until(() => processed.Count == 1800, Timeout, "b reads everything after a left");

        Assert.All(processed, p => Assert.True(p.Value == 1, $"record {p.Key} processed {p.Value} times"));
        var committed = b.GetCommittableOffsets();
        Assert.Equal(1800, committed.Sum(o => o.Offset));
        Assert.Equal(1800, first.Count + second.Count);
    }
}
