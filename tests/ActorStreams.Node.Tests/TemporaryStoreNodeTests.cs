using ActorStreams.Node.Tests.Support;
using ActorStreams.Persistence;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests;

/// <summary><c>--store temporary</c>: the node keeps its ledgers in a SQLite file of its own, deleted when it stops.</summary>
[Trait("Category", "Integration")]
public sealed class TemporaryStoreNodeTests(ITestOutputHelper output) : ClusterTest(output)
{
    [Fact]
    public async Task Node_OnTheTemporaryStore_WritesASqliteFileThatIsDeletedWhenItStops()
    {
        var cluster = CreateCluster(("actorstreams.store.uri", TemporaryStore.Name));
        var node = await cluster.StartNodeAsync("node-1");

        Assert.Equal(StoreKind.Sqlite, node.Store.Kind);
        var directory = Path.GetDirectoryName(node.Store.Target)!;
        Assert.StartsWith(Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar), directory, StringComparison.Ordinal);
        Assert.True(File.Exists(node.Store.Target), $"no database at {node.Store.Target}");

        await node.StopAsync();

        Assert.False(Directory.Exists(directory), $"{directory} is still there after the node stopped");
    }
}
