using System.Data.Common;
using ActorStreams.Persistence.Internal;
using Microsoft.Data.Sqlite;

namespace ActorStreams.Persistence.Tests;

[Trait("Category", "Unit")]
public sealed class SqliteStateStoreTests : DurableStateStoreSpec
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"actorstreams-sqlite-{Guid.NewGuid():N}");
    private int _databases;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task InitializeAsync_PathInMissingDirectories_CreatesThemWithWriteAheadLoggingAnd16KiBPages()
    {
        var path = Path.Combine(_directory, "nested", "deeper", "state.db");
        await using var store = new SqliteStateStore(path);

        await store.InitializeAsync(default);

        Assert.True(File.Exists(path));
        Assert.Equal($"sqlite:{path}", store.Description);
        await using var connection = (SqliteConnection)await ConnectAsync(path);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal(16_384L, await ScalarAsync(connection, "PRAGMA page_size"));
    }

    [Fact]
    public void Constructor_RelativePath_ResolvesAgainstTheWorkingDirectory()
    {
        var store = new SqliteStateStore("data/x.db");

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data", "x.db"), store.FilePath);
    }

    [Fact]
    public async Task WriteCheckpointAsync_EntityCountsAcrossStatementSizes_WritesEveryRowOnce()
    {
        // 256 + 128 + … + 1 = 511 rows exercise every multi-row statement size, 513 the largest twice plus one.
        foreach (var count in (int[])[1, 2, 3, 255, 256, 257, 511, 513])
        {
            var shard = new ShardKey("sizes", count);
            var entities = Entities(count, size: 8, version: count);
            await Store.WriteCheckpointAsync(Checkpoint(shard, 1, entities: entities), default);

            var loaded = await Store.LoadEntitiesAsync(shard, [.. entities.Select(e => e.EntityId)], default);
            Assert.Equal(count, loaded.Count);
            Assert.All(entities, e => Assert.Equal(e.State, loaded[e.EntityId]));
        }
    }

    protected override Task<string> NewLocationAsync() =>
        Task.FromResult(Path.Combine(_directory, $"state-{Interlocked.Increment(ref _databases)}.db"));

    protected override IStateStore Open(string location) => new SqliteStateStore(location);

    protected override async Task<DbConnection> ConnectAsync(string location)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(location)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = location, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    protected override Task<int> MigrateAsync(DbConnection connection, string location, int version) =>
        SchemaMigrator.Sqlite.MigrateAsync(connection, location, default, version);

    protected override object DbTimestamp(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    protected override void FailAfterEntityRows(IStateStore store, int rows) =>
        ((SqliteStateStore)store).AfterEntityRowsWritten = FailureHook(rows);
}
