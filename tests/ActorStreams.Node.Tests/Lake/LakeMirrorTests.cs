using ActorStreams.Lake;
using ActorStreams.Lake.Storage;
using ActorStreams.Node.Lake;

namespace ActorStreams.Node.Tests.Lake;

/// <summary>The local copy of a lake's data files the warehouse loads an S3 lake from.</summary>
[Trait("Category", "Unit")]
public sealed class LakeMirrorTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("actorstreams-lake-mirror-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Sync_CopiesTheDataFilesItLacks_NotChunksNorOtherObjects()
    {
        using var lake = new DirectoryLakeStorage(Path.Combine(_root.FullName, "lake"));
        var first = LakePaths.DataFileKey(LakeDataset.Transactions, Hour, "node-1", 0, 0);
        var second = LakePaths.DataFileKey(LakeDataset.FraudAlerts, Hour, "node-2", 3, 17);
        await lake.PutAsync(first, new byte[] { 1, 2, 3 }, CancellationToken.None);
        await lake.PutAsync(second, new byte[] { 4 }, CancellationToken.None);
        await lake.PutAsync("_chunks/customer-0/0000000000000000001.chunk", new byte[] { 9 }, CancellationToken.None);
        await lake.PutAsync("notes.txt", new byte[] { 8 }, CancellationToken.None);
        var mirror = Path.Combine(_root.FullName, "mirror");

        var copied = await LakeMirror.SyncAsync(lake, mirror, CancellationToken.None);
        var again = await LakeMirror.SyncAsync(lake, mirror, CancellationToken.None);

        using var local = new DirectoryLakeStorage(mirror);
        Assert.Equal((2, 0), (copied, again));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), (await local.ListAsync("", CancellationToken.None)).Order(StringComparer.Ordinal));
        Assert.Equal(new byte[] { 1, 2, 3 }, await local.GetAsync(first, CancellationToken.None));
    }
}
