using System.Globalization;
using ActorStreams.TestKit;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>What the multi-process cluster tests share: their settings and a view of who owns how many partitions.</summary>
internal static class ClusterProcesses
{
    /// <summary>Partitions of every topic in these tests.</summary>
    public const int Partitions = 6;

    /// <summary>Settings of node processes sharing one store, with a short Split Brain Resolver delay.</summary>
    public static List<KeyValuePair<string, string>> Settings(string store) =>
    [
        new("actorstreams.kafka.partitions", Partitions.ToString(CultureInfo.InvariantCulture)),
        new("actorstreams.store.uri", store),
        new("actorstreams.cluster.checkpoint-interval", "200ms"),
        // A crashed member is downed (and its partitions move) once it has been unreachable this long.
        new("akka.cluster.split-brain-resolver.stable-after", "5s"),
        // Longer than a failover (failure detection ~5 s, stable-after 5 s, the coordinator's removal margin 5 s, the
        // restart), so no source turns idle while its partition moves; the last windows close after it.
        new("actorstreams.merchant.idle-timeout", "30s"),
        new("actorstreams.metrics.log-interval", "0s"),
    ];

    /// <summary>
    /// Starts <paramref name="count"/> node processes, <c>node-1</c> as the seed and the others joining through it, and
    /// waits until every one owns partitions. Returns them and the seed address for nodes started later. With
    /// <paramref name="proxies"/> each node's remoting sits behind its proxy (<see cref="StartBehindProxyAsync"/>).
    /// </summary>
    public static async Task<(NodeProcess[] Nodes, string Seed)> StartAsync(NodeRun run, int count, TimeSpan timeout, RemotingProxies? proxies = null)
    {
        var port = (proxies?.PublicPort("node-1") ?? FreePorts.Next()).ToString(CultureInfo.InvariantCulture);
        var seed = $"127.0.0.1:{port}";
        var nodes = await Task.WhenAll(Enumerable.Range(1, count).Select(i => proxies is null
            ? run.StartProcessAsync($"node-{i}", i == 1 ? ["--port", port] : ["--seed", seed])
            : StartBehindProxyAsync(run, proxies, $"node-{i}", $"node-{i}", i == 1 ? null : seed)));
        await Eventually.UntilAsync(
            async () => await OwnedAsync(nodes[0]) is { } m && m.Count == count && m.Values.All(p => p > 0) && m.Values.Sum() == Partitions,
            timeout,
            $"{count} members share the partitions");
        return (nodes, seed);
    }

    /// <summary>
    /// The fault tests' start: half of <paramref name="records"/> preloaded, three nodes started (<see cref="StartAsync"/>),
    /// then the other half produced; returns once the third node is processing it, so that the fault lands mid-stream
    /// on a node with work in flight. Also returns the customer-keyed input topics.
    /// </summary>
    public static async Task<(NodeProcess[] Nodes, string Seed, string[] Inputs)> StartThreeMidStreamAsync(
        NodeRun run, IReadOnlyList<Scenario.PlannedRecord> records, TimeSpan timeout, RemotingProxies? proxies = null)
    {
        var topics = run.Kafka.Topics;
        string[] inputs = [topics.Transactions, topics.CustomerActivity, topics.CustomerDetails];
        await run.ProduceAsync([.. records.Take(records.Count / 2)]);
        var (nodes, seed) = await StartAsync(run, 3, timeout, proxies);
        var third = nodes[2];
        var before = await third.CompletedAsync(inputs) ?? 0;
        await run.ProduceAsync([.. records.Skip(records.Count / 2)]);
        await Eventually.UntilAsync(async () => await third.CompletedAsync(inputs) > before, timeout, $"{third.NodeId} processes the second half");
        return (nodes, seed, inputs);
    }

    /// <summary>Waits until <paramref name="first"/> and <paramref name="second"/> together have consumed every record produced to <paramref name="inputs"/>.</summary>
    public static Task AwaitConsumedByAsync(NodeRun run, NodeProcess first, NodeProcess second, string[] inputs, TimeSpan timeout)
    {
        var total = inputs.Sum(run.Produced);
        return Eventually.UntilAsync(
            async () => (await first.CompletedAsync(inputs) ?? 0) + (await second.CompletedAsync(inputs) ?? 0) >= total,
            timeout,
            $"{first.NodeId} and {second.NodeId} consume the whole input");
    }

    /// <summary>
    /// Starts node process <paramref name="nodeId"/> with its remoting bound behind <paramref name="proxy"/>'s proxy (it
    /// advertises the proxy's port), joining <paramref name="seed"/> or, when null, itself.
    /// </summary>
    public static Task<NodeProcess> StartBehindProxyAsync(NodeRun run, RemotingProxies proxies, string nodeId, string proxy, string? seed)
    {
        List<string> arguments = ["--port", proxies.BindPort(proxy).ToString(CultureInfo.InvariantCulture)];
        arguments.AddRange(seed is null ? [] : ["--seed", seed]);
        return run.StartProcessAsync(nodeId, arguments, proxies.PublicPortSetting(proxy));
    }

    /// <summary>Waits until, as <paramref name="node"/> sees it, the members up own every partition and <paramref name="gone"/> is not one of them.</summary>
    public static Task AwaitTakenOverAsync(NodeProcess node, NodeProcess gone, TimeSpan timeout) =>
        Eventually.UntilAsync(
            async () => await OwnedAsync(node) is { } m && !m.ContainsKey(gone.NodeId) && m.Values.Sum() == Partitions,
            timeout,
            $"the others take {gone.NodeId}'s partitions");

    /// <summary>How many partitions each member that is up owns, as <paramref name="node"/> sees it; null when it does not answer.</summary>
    public static async Task<Dictionary<string, int>?> OwnedAsync(NodeProcess node)
    {
        try
        {
            var (status, body) = await node.GetJsonAsync("api/cluster");
            return status != 200
                ? null
                : body.GetProperty("members").EnumerateArray()
                    .Where(m => m.GetProperty("status").GetString() == "up")
                    .ToDictionary(m => m.GetProperty("node_id").GetString()!, m => m.GetProperty("partitions").GetArrayLength(), StringComparer.Ordinal);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
