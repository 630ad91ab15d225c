using System.Data.Common;
using ActorStreams.Persistence.Internal;
using ActorStreams.TestKit;
using Npgsql;

namespace ActorStreams.Persistence.Tests;

[Trait("Category", "Integration")]
public sealed class PostgresStateStoreTests(PostgresDatabaseFixture database) : DurableStateStoreSpec, IClassFixture<PostgresDatabaseFixture>
{
    private readonly List<string> _databases = [];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var name in _databases)
        {
            await database.Server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task StateStoreUri_OfTheClassDatabase_OpensAWorkingStore()
    {
        await using var store = StateStoreUri.Create(database.Uri);
        await store.InitializeAsync(default);

        await store.WriteCheckpointAsync(Checkpoint(new("customer", 0), 1, Offsets(("t", 5)), entities: [new("1", Bytes("x"))]), default);

        Assert.Equal(database.Uri, store.Description);
        Assert.Equal(5, (await store.ReadShardAsync(new("customer", 0), default))!.Offsets["t"]);
    }

    [Fact]
    public async Task WriteCheckpointAsync_MoreRowsThanOneStatement_WritesEveryChunkInOneTransaction()
    {
        var store = (PostgresStateStore)Store;
        store.ChunkRows = 1_000;
        var shard = new ShardKey("customer", 1);
        var entities = Entities(3_500, size: 50, version: 1);

        await store.WriteCheckpointAsync(Checkpoint(shard, 1, entities: entities), default);

        var loaded = await store.LoadEntitiesAsync(shard, [.. entities.Select(e => e.EntityId)], default);
        Assert.All(entities, e => Assert.Equal(e.State, loaded[e.EntityId]));
    }

    [Fact]
    public async Task InitializeAsync_NoServerListening_SaysWhichStoreItCannotReach()
    {
        await using var store = new PostgresStateStore("postgres://nobody:secret@127.0.0.1:1/nowhere?connect_timeout=2");

        var error = await Assert.ThrowsAsync<ActorStreamsException>(() => store.InitializeAsync(default));

        Assert.Contains("cannot connect to the state store postgres://nobody@127.0.0.1:1/nowhere", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    protected override async Task<string> NewLocationAsync()
    {
        var name = await database.Server.CreateDatabaseAsync("spec");
        _databases.Add(name);
        return database.Server.ConnectionString(name);
    }

    protected override IStateStore Open(string location) => new PostgresStateStore(location);

    protected override async Task<DbConnection> ConnectAsync(string location)
    {
        var connection = new NpgsqlConnection(location);
        await connection.OpenAsync();
        return connection;
    }

    protected override Task<int> MigrateAsync(DbConnection connection, string location, int version) =>
        SchemaMigrator.Postgres.MigrateAsync(connection, location, default, version);

    protected override object DbTimestamp(DateTimeOffset value) => value;

    protected override void FailAfterEntityRows(IStateStore store, int rows) =>
        ((PostgresStateStore)store).AfterEntityRowsWritten = FailureHook(rows);
}
