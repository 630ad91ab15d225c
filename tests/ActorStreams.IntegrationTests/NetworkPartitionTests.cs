using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 13's network partition: three node processes on one PostgreSQL store, each one's Akka remoting behind a TCP
/// proxy (<see cref="RemotingProxies"/>). Mid-stream the proxies cut one node off from the two others, both ways, while
/// it still reaches Kafka and the store. The Split Brain Resolver (keep-majority) downs it on the majority side and it
/// downs itself on its own; the two others take its partitions over and finish the input. The links are then restored
/// and a new process on the cut node's address joins again and takes partitions back. Nothing is processed twice in
/// state: the outputs equal the oracle's.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NetworkPartitionTests(ITestOutputHelper output, PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task OneNodeCutOffFromTheOtherTwo_DownsItselfTheMajorityTakesOver_ThenItRejoinsAndTheOutputsStayExact()
    {
        var plan = Scenarios.Preloaded(transactions: 30_000, customers: 600, activities: 3_000);
        await using var run = NodeRun.StartBroker(output, ClusterProcesses.Settings(postgres.Uri));
        await using var proxies = RemotingProxies.Start(["node-1", "node-2", "node-3"], run.Log);
        var (nodes, seed, inputs) = await ClusterProcesses.StartThreeMidStreamAsync(run, plan.Phases[0], Timeout, proxies);
        var (first, second, cut) = (nodes[0], nodes[1], nodes[2]);
        proxies.Isolate(cut.NodeId);

        // The majority downs it and takes its partitions; on its side it is the minority and downs itself.
        await ClusterProcesses.AwaitTakenOverAsync(first, cut, Timeout);
        var exit = await cut.Exited.WaitAsync(Timeout);
        run.Log($"{cut.NodeId} stopped itself with exit code {exit} ({proxies.Refused} connections cut); its last lines:\n{string.Join('\n', cut.Lines.TakeLast(10))}");
        await ClusterProcesses.AwaitConsumedByAsync(run, first, second, inputs, Timeout);
        Assert.False(first.Exited.IsCompleted || second.Exited.IsCompleted, "a node of the majority stopped");

        // The network heals: a new process on the cut node's address joins and takes partitions back.
        proxies.Restore();
        var back = await ClusterProcesses.StartBehindProxyAsync(run, proxies, "node-3b", cut.NodeId, seed);
        await Eventually.UntilAsync(
            async () => await ClusterProcesses.OwnedAsync(first) is { } m && m.Count == 3 && m.Values.All(p => p > 0) && m.Values.Sum() == ClusterProcesses.Partitions,
            Timeout,
            $"{back.NodeId} rejoins and owns partitions");

        await run.ProduceAsync(plan.Phases[1]);
        var expected = run.ComputeExpectations();
        var report = await run.CompareOutputsAsync(expected, Timeout);
        Assert.True(report.Equal, "outputs after a network partition and its repair differ from a single-node run:\n" + report);
    }
}
