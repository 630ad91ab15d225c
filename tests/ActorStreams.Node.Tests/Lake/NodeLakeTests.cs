using ActorStreams.Node.Tests.Support;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Lake;

/// <summary>
/// A node with the lake on a directory (docs/lake.md): files closed by age while it runs, then read back with DuckDB,
/// hold exactly the rows of the topics, each in the hour of its event time, and a graceful stop leaves no chunk.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NodeLakeTests(ITestOutputHelper output) : ClusterTest(output), IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _lake = Directory.CreateTempSubdirectory("actorstreams-node-lake-");

    public void Dispose() => _lake.Delete(recursive: true);

    [Fact]
    public async Task Node_LakeOnADirectory_FilesHoldExactlyTheTopicsRowsInTheirEventHours()
    {
        var cluster = CreateCluster(("actorstreams.lake.uri", _lake.FullName), ("actorstreams.lake.max-file-age", "2s"));
        var node = await cluster.StartNodeAsync("node-1");
        var produced = await LakeScenario.ProduceAsync(cluster, customers: 6, perCustomer: 4);
        await LakeScenario.ConsumedAsync(node, cluster, produced, Timeout);
        var expected = LakeScenario.Expected(cluster);

        // Files close 2 s after their first row (at the next barrier) and are written once a checkpoint covers them:
        // every row reaches the lake while the node runs.
        await LakeAssert.HoldsAsManyRowsAsync(_lake.FullName, expected, Timeout);
        await node.StopAsync();

        LakeAssert.Exactly(_lake.FullName, expected, node.NodeId);
    }
}
