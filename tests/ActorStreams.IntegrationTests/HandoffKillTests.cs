using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 13's kill during a handoff: two node processes on one PostgreSQL store process a backlog; a third joins, and the
/// moment the first node logs that its rebalance started (partitions draining towards the newcomer) it is killed with
/// SIGKILL. The two others take everything over and the outputs equal the oracle's exactly.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HandoffKillTests(ITestOutputHelper output, PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task NodeKilledWhileHandingPartitionsOver_OutputsEqualTheOracle()
    {
        var plan = Scenarios.Preloaded(transactions: 30_000, customers: 600, activities: 3_000);
        await using var run = NodeRun.StartBroker(output, ClusterProcesses.Settings(postgres.Uri));
        var topics = run.Kafka.Topics;
        string[] inputs = [topics.Transactions, topics.CustomerActivity, topics.CustomerDetails];
        var all = plan.Phases[0];
        await run.ProduceAsync([.. all.Take(all.Count / 2)]);
        var (nodes, seed) = await ClusterProcesses.StartAsync(run, 2, Timeout);
        var (first, second) = (nodes[0], nodes[1]);

        // A backlog, so that the handoff has records in flight to drain.
        await run.ProduceAsync([.. all.Skip(all.Count / 2)]);
        var startedBefore = RebalancesStarted(first);
        var third = await run.StartProcessAsync("node-3", ["--seed", seed]);
        await Eventually.Until(() => RebalancesStarted(first) > startedBefore, Timeout, $"{first.NodeId} starts handing partitions over to {third.NodeId}");
        await first.KillAsync();
        run.Log($"{first.NodeId} killed during its handoff; its last lines:\n{string.Join('\n', first.Lines.TakeLast(8))}");

        await ClusterProcesses.AwaitTakenOverAsync(second, first, Timeout);
        var total = inputs.Sum(run.Produced);
        await Eventually.UntilAsync(
            async () => (await second.CompletedAsync(inputs) ?? 0) + (await third.CompletedAsync(inputs) ?? 0) >= total,
            Timeout,
            "the two others consume the whole input");

        await run.ProduceAsync(plan.Phases[1]);
        var expected = run.ComputeExpectations();
        var report = await run.CompareOutputsAsync(expected, Timeout);
        Assert.True(report.Equal, "outputs after a kill during a handoff differ from a single-node run:\n" + report);
    }

    /// <summary>The rebalances <paramref name="node"/> has logged as started on itself.</summary>
    private static int RebalancesStarted(NodeProcess node) =>
        node.Lines.Count(l => l.Contains("{\"type\":\"rebalance-started\",\"node_id\":\"" + node.NodeId + "\"", StringComparison.Ordinal));
}
