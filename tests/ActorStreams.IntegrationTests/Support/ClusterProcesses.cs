using System.Globalization;

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
