using ActorStreams.Cluster.Tests.Support;
using ActorStreams.Persistence.Ledger;
using ActorStreams.TestKit;
using Akka.Persistence.TestKit;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>
/// A checkpoint the journal fails to write stops the partition's consumer; once the store answers the keep-alive's probe
/// it restarts the consumer from its last written checkpoint and the entities take their state from there, so every
/// record still counts exactly once (docs/design.md §3). While the store does not answer, the partitions stay paused and
/// the probe retries with growing waits. The journal and snapshot store are Akka.Persistence.TestKit's, failing on purpose.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CheckpointFailureSpec(DevBrokerFixture broker, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(CounterNode.Config("memory", FailingStoreConfig.Hocon), "counters", output), IClassFixture<DevBrokerFixture>, IAsyncLifetime
{
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

    [Fact]
    public async Task Store_UnavailableForAWhile_PartitionsPauseWhileProbesBackOffThenResumeAndCountExactlyOnce()
    {
        var topics = CounterTopics.Create(broker, partitions: 2);
        var persistence = Akka.Persistence.Persistence.Instance.Apply(Sys);
        var journal = TestJournal.FromRef(persistence.JournalFor(null));
        var snapshots = TestSnapshotStore.FromRef(persistence.SnapshotStoreFor(null));
        var logs = new LogLines();
        var first = CounterNode.Records(keys: 6, perKey: 4).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, first);
        _node = await new CounterNode(Sys, broker, topics, loggerFactory: logs).StartAsync();
        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(Sys, topics.Input, 2) == first.Count, Timeout, "a checkpoint covers the first records");

        // The store goes away: every call fails, as with a database that refuses connections.
        await journal.OnConnect.Fail();
        await snapshots.OnConnect.Fail();
        var second = CounterNode.Records(keys: 6, perKey: 4, seed: 2).ToList();
        await CounterNode.ProduceAsync(broker, topics.Input, second);
        await Eventually.Until(() => _node.Metrics.IsStoreUnavailable, Timeout, "the node finds the store unavailable");
        await Eventually.Until(() => logs.Count("is still unavailable") >= 3, Timeout, "three probes of the store failed");

        // Paused: no consumer runs, and the probes wait longer each time (0.5 s, then 1 s, then 2 s).
        Assert.Empty(_node.RunningPartitions);
        Assert.Equal(["0.5", "1.0", "2.0"], logs.Matching("is still unavailable").Take(3).Select(l => l[(l.LastIndexOf("next attempt in ", StringComparison.Ordinal) + 16)..].Split(' ')[0]));
        Assert.All(logs.Matching("is still unavailable"), l => Assert.StartsWith("store the test store is still unavailable", l, StringComparison.Ordinal));

        await journal.OnConnect.Pass();
        await snapshots.OnConnect.Pass();
        var all = first.Concat(second).ToList();
        await Eventually.UntilAsync(async () => await Ledgers.OffsetsAsync(Sys, topics.Input, 2) == all.Count, Timeout, "a checkpoint after the outage covers every record");
        Assert.Equal(CounterNode.Expected(all), await Ledgers.CountersAsync(Sys, 2));
        Assert.False(_node.Metrics.IsStoreUnavailable);
        Assert.Equal(1, _node.Metrics.StoreOutages);
        Assert.Single(logs.Matching("answers again"));
        Assert.True(_node.Metrics.CheckpointFailures >= 1, "no checkpoint failure was counted");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_node is { } node)
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>Keeps the keep-alive's log lines (the others are dropped).</summary>
    private sealed class LogLines : ILoggerFactory
    {
        private readonly List<string> _lines = [];

        public int Count(string part) => Matching(part).Count;

        public List<string> Matching(string part)
        {
            lock (_lines)
            {
                return [.. _lines.Where(l => l.Contains(part, StringComparison.Ordinal))];
            }
        }

        public ILogger CreateLogger(string categoryName) =>
            categoryName.EndsWith(nameof(Cluster.Sharding.ConsumerKeepAlive), StringComparison.Ordinal) ? new Lines(_lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Lines(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add(formatter(state, exception));
                }
            }
        }
    }
}
