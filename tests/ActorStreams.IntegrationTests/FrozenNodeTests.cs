using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 13's frozen node: of three node processes on one PostgreSQL store, one is frozen with SIGSTOP mid-stream until
/// the Split Brain Resolver downs it and the other two take its partitions over and finish the input; then it is resumed.
/// It must stop itself (its ledgers find the new owners' claims and it shuts down as taken over, or its own resolver
/// downs it as the minority, whichever comes first) without ever writing a ledger the others own — not even from a
/// partition it restarts for another reason (it asks the new owner first) — and the outputs stay exactly the oracle's.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FrozenNodeTests(ITestOutputHelper output, PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task NodeFrozenUntilDowned_ThenResumed_StopsItselfAndTheOutputsStayExact()
    {
        var plan = Scenarios.Preloaded(transactions: 30_000, customers: 600, activities: 3_000);
        await using var run = NodeRun.StartBroker(output, ClusterProcesses.Settings(postgres.Uri));
        var (nodes, _, inputs) = await ClusterProcesses.StartThreeMidStreamAsync(run, plan.Phases[0], Timeout);
        var (first, second, frozen) = (nodes[0], nodes[1], nodes[2]);
        frozen.Freeze();
        try
        {
            // Downed by the majority; its partitions move to the two others, which finish the input.
            await ClusterProcesses.AwaitTakenOverAsync(first, frozen, Timeout);
            await ClusterProcesses.AwaitConsumedByAsync(run, first, second, inputs, Timeout);
        }
        finally
        {
            frozen.Resume();
        }

        // Resumed, it finds itself downed (or alone in a minority) and stops; nothing it does on the way may change state.
        var exit = await frozen.Exited.WaitAsync(Timeout);
        run.Log($"{frozen.NodeId} stopped itself with exit code {exit}; its last lines:\n{string.Join('\n', frozen.Lines.TakeLast(15))}");
        Assert.False(first.Exited.IsCompleted || second.Exited.IsCompleted, "a node of the majority stopped");

        await run.ProduceAsync(plan.Phases[1]);
        var expected = run.ComputeExpectations();
        var report = await run.CompareOutputsAsync(expected, Timeout);
        Assert.True(report.Equal, "outputs after a frozen node was downed and resumed differ from a single-node run:\n" + report);
        // The resumed node wrote nothing the rightful owners had to lose to (docs/design.md §3, Fencing).
        foreach (var node in new[] { first, second })
        {
            Assert.DoesNotContain(node.Lines, line => line.Contains("lost to another writer", StringComparison.Ordinal));
        }
    }
}
