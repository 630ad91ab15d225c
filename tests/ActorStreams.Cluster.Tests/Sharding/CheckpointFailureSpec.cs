using ActorStreams.Cluster.Tests.Support;
using ActorStreams.Persistence.Ledger;
using ActorStreams.TestKit;
using Akka.Persistence.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>
/// A checkpoint the journal fails to write stops the partition's consumer; the keep-alive restarts it from its last
/// written checkpoint and the entities take their state from there, so every record still counts exactly once
/// (docs/design.md §3). The journal is Akka.Persistence.TestKit's, failing the first writes on purpose.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CheckpointFailureSpec(DevBrokerFixture broker, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(CounterNode.Config("memory", TestJournalConfig), "counters", output), IClassFixture<DevBrokerFixture>, IAsyncLifetime
{
    private const string TestJournalConfig = """
        akka.persistence.journal {
          plugin = "akka.persistence.journal.test"
          test {
            class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
            plugin-dispatcher = "akka.actor.default-dispatcher"
          }
        }
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private CounterNode? _node;

    [Fact]
    public async Task CheckpointWrites_FailingTwice_ThePartitionRestartsFromItsLastCheckpointAndCountsExactlyOnce()
    {
        var topics = CounterTopics.Create(broker, partitions: 1);
        var failures = 0;
        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        await journal.OnWrite.FailIf(write => write.Payload is LedgerCheckpoint && Interlocked.Increment(ref failures) <= 2);
        var first = CounterNode.Records(keys: 5, perKey: 4).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, first);

        _node = await new CounterNode(Sys, broker, topics).StartAsync();
        await Eventually.Until(() => _node.Metrics.CheckpointFailures >= 2, Timeout, "two checkpoint writes failed");
        var second = CounterNode.Records(keys: 5, perKey: 4, seed: 2).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, second);

        var all = first.Concat(second).ToList();
        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(Sys, topics.Input, 1) == all.Count, Timeout, "a later checkpoint covers every record");
        Assert.Equal(CounterNode.Expected(all), await Ledgers.CountersAsync(Sys, 1));
        Assert.Equal(2, _node.Metrics.CheckpointFailures);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_node is { } node)
        {
            await node.DisposeAsync();
        }
    }
}
