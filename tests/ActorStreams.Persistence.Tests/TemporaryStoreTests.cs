namespace ActorStreams.Persistence.Tests;

/// <summary>The demo's and the soak's store: a SQLite file in a new temporary directory, gone on dispose.</summary>
[Trait("Category", "Unit")]
public sealed class TemporaryStoreTests
{
    [Fact]
    public void Create_ThenDispose_TheDirectoryWithItsDatabaseIsDeleted()
    {
        string directory;
        using (var store = TemporaryStore.Create("test"))
        {
            var location = StateStoreUri.Locate(store.Uri);
            Assert.Equal(StoreKind.Sqlite, location.Kind);
            StoreConfiguration.Prepare(location);
            directory = Path.GetDirectoryName(store.Uri["sqlite:".Length..])!;
            Assert.True(Directory.Exists(directory));
            Assert.StartsWith(Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar), directory, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(directory));
    }

    [Theory]
    [InlineData("temporary", true)]
    [InlineData(" Temporary ", true)]
    [InlineData("memory", false)]
    [InlineData("sqlite:temporary", false)]
    [InlineData(null, false)]
    public void IsRequested_OnlyTheWordTemporary(string? uri, bool requested) =>
        Assert.Equal(requested, TemporaryStore.IsRequested(uri));
}
