using System.Globalization;
using System.Text.Json;
using ActorStreams.IntegrationTests.Scenario;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.Kafka.Partitioning;
using ActorStreams.TestKit;
using Xunit.Abstractions;

namespace ActorStreams.IntegrationTests;

/// <summary>
/// Issue 7's multi-node test: three node processes joined into one Akka cluster through a seed node (<c>--port</c>,
/// <c>--seed</c>), on the dev broker and one PostgreSQL store, share the partitions; the <c>cmd</c> CLI lists them and
/// answers an entity query from a node that does not own it; mid-stream one node leaves gracefully (SIGTERM) and another
/// is killed (SIGKILL, downed by the Split Brain Resolver); the survivor takes every partition over and the outputs equal
/// a single-node run's (the oracle) exactly, deduplicated by id; <c>cmd cluster tail</c> shows the rebalance.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MultiNodeClusterTests(ITestOutputHelper output, PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Partitions = ClusterProcesses.Partitions;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ThreeNodes_OneLeavesAndOneIsKilledMidStream_OutputsEqualASingleNodeRunAndTheCliShowsEveryStep()
    {
        var plan = Scenarios.Preloaded(transactions: 60_000, customers: 1_000, activities: 6_000);
        await using var run = NodeRun.StartBroker(output, ClusterProcesses.Settings(postgres.Uri));
        var topics = run.Kafka.Topics;
        string[] inputs = [topics.Transactions, topics.CustomerActivity, topics.CustomerDetails];

        // The first half of the input before the cluster forms, the second half while it runs (each key's records stay in order).
        var all = plan.Phases[0];
        await run.ProduceAsync([.. all.Take(all.Count / 2)]);
        var seedPort = FreePorts.Next();
        var nodes = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => run.StartProcessAsync(
            $"node-{i}",
            i == 1 ? ["--port", seedPort.ToString(CultureInfo.InvariantCulture)] : ["--seed", $"127.0.0.1:{seedPort.ToString(CultureInfo.InvariantCulture)}"])));
        var (first, leaving, killed) = (nodes[0], nodes[1], nodes[2]);

        // Three members, each with its share of the partitions.
        var members = await AwaitMembersAsync(run, first, m => m.Count == 3 && m.Values.All(p => p.Count > 0) && m.Values.Sum(p => p.Count) == Partitions);
        run.Log("partitions: " + string.Join("; ", members.Select(m => $"{m.Key} [{string.Join(",", m.Value)}]")));
        Assert.Equal(Enumerable.Range(0, Partitions), members.Values.SelectMany(p => p).Order());

        var (code, show) = await CliCommand.RunAsync(CliTimeout, "cmd", "--node", first.AdminAddress, "cluster", "show");
        run.Log("cmd cluster show:\n" + show);
        Assert.Equal(0, code);
        Assert.Contains("Count: 3 nodes", show, StringComparison.Ordinal);
        Assert.All(nodes, n => Assert.Contains(n.NodeId, show, StringComparison.Ordinal));

        // An entity asked from a node that does not own it: forwarded to the owner, which answers with its state.
        const long customer = 501;
        var owner = members.Single(m => m.Value.Contains(Murmur2Partitioner.Partition(customer.ToString(CultureInfo.InvariantCulture), Partitions))).Key;
        var asked = nodes.First(n => n.NodeId != owner);
        var (entityCode, entity) = await CliCommand.RunAsync(CliTimeout, "cmd", "--node", asked.AdminAddress, "entity", "show", "customer", "501");
        run.Log($"cmd entity show customer {customer} asked {asked.NodeId}:\n" + entity);
        Assert.Equal(0, entityCode);
        Assert.Contains($"OWNER      {owner}", entity, StringComparison.Ordinal);
        Assert.Contains($"customer_id: {customer}", entity, StringComparison.Ordinal);

        await using var tail = CliCommand.Start("cmd", "--node", first.AdminAddress, "cluster", "tail");

        // Mid-stream: the second half arrives, and while the doomed nodes are processing it one dies, then one leaves.
        var before = await killed.CompletedAsync(inputs) ?? 0;
        await run.ProduceAsync([.. all.Skip(all.Count / 2)]);
        await Eventually.UntilAsync(async () => await killed.CompletedAsync(inputs) > before, Timeout, $"{killed.NodeId} processes the second half");
        await killed.KillAsync();

        // The leave starts once the dead member is removed. Akka's keep-majority resolver downs every member when a leave
        // is under way while a member is unreachable and, without the leaving member, the other side would win (its rule
        // for membership changes during a partition); with three members that happens whenever the dead one has the
        // lowest address.
        await Eventually.UntilAsync(
            async () =>
            {
                var (status, body) = await first.GetJsonAsync("api/cluster");
                return status == 200 && body.GetProperty("members").EnumerateArray().All(m => m.GetProperty("node_id").GetString() != killed.NodeId);
            },
            Timeout,
            $"{first.NodeId} removes {killed.NodeId}");
        var exit = await leaving.TerminateAsync(Timeout);
        Assert.Equal(0, exit);
        run.Log($"{killed.NodeId} killed and {leaving.NodeId} left with {await first.CompletedAsync(inputs):N0} of {inputs.Sum(run.Produced):N0} input records completed by {first.NodeId}");

        // The survivor owns everything once the dead member's session expired, and consumes the rest of the input.
        await AwaitMembersAsync(run, first, m => m.TryGetValue(first.NodeId, out var p) && p.Count == Partitions);
        var total = inputs.Sum(run.Produced);
        try
        {
            await Eventually.UntilAsync(async () => await first.CompletedAsync(inputs) >= total, Timeout, $"{first.NodeId} consumes the whole input");
        }
        catch (Xunit.Sdk.FailException)
        {
            // What each partition's pipeline was doing when it stopped moving: the diagnosis of a stall.
            foreach (var path in new[] { "api/shards?scope=local", "api/lag?scope=local" })
            {
                var (_, body) = await first.GetJsonAsync(path);
                run.Log($"{path} of {first.NodeId} at the timeout:\n{body}");
            }

            throw;
        }

        await run.ProduceAsync(plan.Phases[1]);

        var expected = run.ComputeExpectations();
        var report = await run.CompareOutputsAsync(expected, Timeout);
        Assert.True(report.Equal, "outputs after a leave and a crash differ from a single-node run:\n" + report);

        // The rebalance as cluster tail streamed it.
        string[] events = ["member-left", "member-unreachable", "rebalance-started", "partitions-revoked", "partitions-assigned", "rebalance-finished"];
        Assert.True(await Eventually.HoldsWithin(() => events.All(e => tail.Output.Contains(e, StringComparison.Ordinal)), Timeout),
            "cmd cluster tail misses some of " + string.Join(", ", events) + ":\n" + tail.Output);
        Assert.Contains(leaving.NodeId, tail.Output.Split('\n').Single(l => l.Contains("member-left", StringComparison.Ordinal)), StringComparison.Ordinal);
        run.Log("cmd cluster tail:\n" + tail.Output);

        var (_, after) = await CliCommand.RunAsync(CliTimeout, "cmd", "--node", first.AdminAddress, "cluster", "show");
        run.Log("cmd cluster show after the failover:\n" + after);
        Assert.DoesNotContain(leaving.NodeId, after, StringComparison.Ordinal);
    }

    /// <summary>
    /// Polls <c>/api/cluster</c> of <paramref name="node"/> until the members' partitions satisfy <paramref name="done"/>,
    /// logging every membership it sees on the way.
    /// </summary>
    private static async Task<Dictionary<string, List<int>>> AwaitMembersAsync(NodeRun run, NodeProcess node, Func<Dictionary<string, List<int>>, bool> done)
    {
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var seen = string.Empty;
        await Eventually.UntilAsync(
            async () =>
            {
                var (status, body) = await node.GetJsonAsync("api/cluster");
                if (status != 200)
                {
                    return false;
                }

                members = body.GetProperty("members").EnumerateArray()
                    .Where(m => m.GetProperty("status").GetString() == "up")
                    .ToDictionary(
                        m => m.GetProperty("node_id").GetString()!,
                        m => m.GetProperty("partitions").EnumerateArray().Select(p => p.GetInt32()).ToList(),
                        StringComparer.Ordinal);
                var now = JsonSerializer.Serialize(members);
                if (now != seen)
                {
                    seen = now;
                    run.Log($"members up as {node.NodeId} sees them: {now}");
                }

                return done(members);
            },
            Timeout,
            "the cluster reaches the expected membership");
        return members;
    }
}
