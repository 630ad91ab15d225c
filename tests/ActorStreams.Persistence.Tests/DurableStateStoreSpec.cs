using System.Data.Common;

namespace ActorStreams.Persistence.Tests;

/// <summary>
/// What a database-backed store adds to the contract: state survives reopening, the schema is created and
/// migrated with its version recorded, and a schema newer than the build is refused. Implementations give
/// the spec fresh database locations and raw connections to them.
/// </summary>
public abstract class DurableStateStoreSpec : StateStoreSpec
{
    /// <summary>The newest schema version the build knows (schemas/sql/&lt;dialect&gt;/).</summary>
    protected const int LatestVersion = 2;

    [Fact]
    public async Task InitializeAsync_NewDatabase_RecordsEverySchemaVersion()
    {
        var location = await NewLocationAsync();
        await using (var store = Open(location))
        {
            await store.InitializeAsync(default);
        }

        Assert.Equal([1, 2], await SchemaVersionsAsync(location));
    }

    [Fact]
    public async Task ReopenedStore_ReadsBackEverything()
    {
        var location = await NewLocationAsync();
        var entities = Entities(2_000, size: 300, version: 3);
        await using (var store = Open(location))
        {
            await store.InitializeAsync(default);
            await store.WriteCheckpointAsync(Checkpoint(new("customer", 0), 1, Offsets(("transactions", 10)), Bytes("s1"), Entities(2_000, 300, 1)), default);
            await store.WriteCheckpointAsync(Checkpoint(new("customer", 0), 2, Offsets(("transactions", 20), ("customer-details", 3)), shardState: null, entities), default);
            await store.WriteCheckpointAsync(Checkpoint(new("merchant", 4), 9, Offsets(("actorstreams-repartition-merchant", 99)), Bytes("wm")), default);
        }

        await using (var reopened = Open(location))
        {
            await reopened.InitializeAsync(default);

            var customer = await reopened.ReadShardAsync(new("customer", 0), default);
            Assert.Equal(2, customer!.Sequence);
            AssertOffsets(Offsets(("transactions", 20), ("customer-details", 3)), customer.Offsets);
            Assert.Equal(Bytes("s1"), customer.ShardState);
            var merchant = await reopened.ReadShardAsync(new("merchant", 4), default);
            Assert.Equal(9, merchant!.Sequence);
            Assert.Equal(Bytes("wm"), merchant.ShardState);
            var loaded = await reopened.LoadEntitiesAsync(new("customer", 0), [.. entities.Select(e => e.EntityId)], default);
            Assert.All(entities, e => Assert.Equal(e.State, loaded[e.EntityId]));
            Assert.Equal(
                [new ShardSummary(new("customer", 0), 2, 2_000, Epoch.AddSeconds(2)), new ShardSummary(new("merchant", 4), 9, 0, Epoch.AddSeconds(9))],
                await reopened.ListShardsAsync(default));
        }
    }

    [Fact]
    public async Task InitializeAsync_Version1Database_MigratesAndKeepsItsData()
    {
        var location = await NewLocationAsync();
        var updatedAt = Epoch.AddDays(-1);
        await using (var connection = await ConnectAsync(location))
        {
            Assert.Equal(1, await MigrateAsync(connection, location, 1));
            Assert.Equal([1], await SchemaVersionsAsync(location));

            // Rows as a build that knew only version 1 wrote them.
            await ExecuteAsync(connection, "INSERT INTO shards (kind, partition, sequence, shard_state, updated_at) VALUES (@kind, @partition, @sequence, @state, @at)",
                ("@kind", "customer"), ("@partition", 3), ("@sequence", 41L), ("@state", Bytes("v1-state")), ("@at", DbTimestamp(updatedAt)));
            await ExecuteAsync(connection, "INSERT INTO shard_offsets (kind, partition, topic, next_offset) VALUES (@kind, @partition, @topic, @offset)",
                ("@kind", "customer"), ("@partition", 3), ("@topic", "transactions"), ("@offset", 4_100L));
            await ExecuteAsync(connection, "INSERT INTO entities (kind, partition, entity_id, state, updated_at) VALUES (@kind, @partition, @id, @state, @at)",
                ("@kind", "customer"), ("@partition", 3), ("@id", "1001"), ("@state", Bytes("v1-entity")), ("@at", DbTimestamp(updatedAt)));
        }

        await using var store = Open(location);
        await store.InitializeAsync(default);

        Assert.Equal([1, 2], await SchemaVersionsAsync(location));
        var snapshot = await store.ReadShardAsync(new("customer", 3), default);
        Assert.Equal(41, snapshot!.Sequence);
        Assert.Equal(4_100, snapshot.Offsets["transactions"]);
        Assert.Equal(Bytes("v1-state"), snapshot.ShardState);
        Assert.Equal(Bytes("v1-entity"), (await store.LoadEntitiesAsync(new("customer", 3), ["1001"], default))["1001"]);
        Assert.Equal([new ShardSummary(new("customer", 3), 41, 1, updatedAt)], await store.ListShardsAsync(default));
        await using (var connection = await ConnectAsync(location))
        {
            // Version 2's columns: created_at backfilled from updated_at, then kept by later checkpoints.
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM shards WHERE created_at = updated_at AND last_checkpoint_entities = 0"));
            await store.WriteCheckpointAsync(Checkpoint(new("customer", 3), 42, Offsets(("transactions", 4_200)), entities: Entities(7, 10, 1)), default);
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM shards WHERE created_at < updated_at AND last_checkpoint_entities = 7"));
        }
    }

    [Fact]
    public async Task InitializeAsync_SchemaNewerThanTheBuild_IsRefusedAndLeftAlone()
    {
        var location = await NewLocationAsync();
        await using (var store = Open(location))
        {
            await store.InitializeAsync(default);
            await store.WriteCheckpointAsync(Checkpoint(new("customer", 0), 1, Offsets(("t", 1))), default);
        }

        await using (var connection = await ConnectAsync(location))
        {
            await ExecuteAsync(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @at)",
                ("@version", 99), ("@description", "099_from_the_future"), ("@at", DateTimeOffset.UnixEpoch));
        }

        await using var newer = Open(location);
        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => newer.InitializeAsync(default));

        Assert.Equal(99, error.DatabaseVersion);
        Assert.Equal(LatestVersion, error.KnownVersion);
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {LatestVersion}", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => newer.WriteCheckpointAsync(Checkpoint(new("customer", 0), 2), default));
        Assert.Equal([1, 2, 99], await SchemaVersionsAsync(location));
        await using var connection2 = await ConnectAsync(location);
        Assert.Equal(1L, await ScalarAsync(connection2, "SELECT count(*) FROM shards"));
    }

    [Fact]
    public async Task InitializeAsync_MigrationStepFails_ReportsTheStepAndChangesNothing()
    {
        var location = await NewLocationAsync();
        await using (var connection = await ConnectAsync(location))
        {
            await ExecuteAsync(connection, "CREATE TABLE shards (unrelated integer)");
        }

        await using var store = Open(location);
        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => store.InitializeAsync(default));

        Assert.Contains("001_initial", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.DatabaseVersion);
        Assert.Empty(await SchemaVersionsAsync(location));
    }

    [Fact]
    public async Task TwoStoresOnOneDatabase_MigrateOnceAndShareTheirCheckpoints()
    {
        var location = await NewLocationAsync();
        await using var first = Open(location);
        await using var second = Open(location);

        await Task.WhenAll(Task.Run(() => first.InitializeAsync(default)), Task.Run(() => second.InitializeAsync(default)));
        await Task.WhenAll(Enumerable.Range(0, 24).Select(p => Task.Run(() =>
            (p % 2 == 0 ? first : second).WriteCheckpointAsync(Checkpoint(new("customer", p), 1, Offsets(("t", p)), entities: Entities(500, 200, p)), default))));

        Assert.Equal([1, 2], await SchemaVersionsAsync(location));
        foreach (var store in (IStateStore[])[first, second])
        {
            var shards = await store.ListShardsAsync(default);
            Assert.Equal(Enumerable.Range(0, 24), shards.Select(s => s.Shard.Partition));
            Assert.All(shards, s => Assert.Equal(500, s.Entities));
        }

        var expected = Entities(500, 200, 7);
        var loaded = await first.LoadEntitiesAsync(new("customer", 7), [.. expected.Select(e => e.EntityId)], default);
        Assert.All(expected, e => Assert.Equal(e.State, loaded[e.EntityId]));
    }

    protected override async Task<IStateStore> CreateStoreAsync()
    {
        var store = Open(await NewLocationAsync());
        await store.InitializeAsync(default);
        return store;
    }

    /// <summary>A new empty database (a file path, a connection string), removed when the test ends.</summary>
    protected abstract Task<string> NewLocationAsync();

    /// <summary>A store on <paramref name="location"/>, not initialised.</summary>
    protected abstract IStateStore Open(string location);

    /// <summary>An open raw connection to <paramref name="location"/>.</summary>
    protected abstract Task<DbConnection> ConnectAsync(string location);

    /// <summary>Runs the build's migrations on <paramref name="connection"/> up to <paramref name="version"/>; returns the version reached.</summary>
    protected abstract Task<int> MigrateAsync(DbConnection connection, string location, int version);

    /// <summary>How the dialect stores an <c>updated_at</c> value.</summary>
    protected abstract object DbTimestamp(DateTimeOffset value);

    protected async Task<List<int>> SchemaVersionsAsync(string location)
    {
        await using var connection = await ConnectAsync(location);
        var versions = new List<int>();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT version FROM schema_version ORDER BY version";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                versions.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (DbException) when (versions.Count == 0)
        {
            // No schema_version table: no version.
        }

        return versions;
    }

    protected static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    protected static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
