using ActorStreams.Persistence.Internal;
using Npgsql;
using NpgsqlTypes;

namespace ActorStreams.Persistence;

/// <summary>
/// The shared store of a cluster: a PostgreSQL database every node reaches. Connections come from an
/// Npgsql pool with automatically prepared statements; a checkpoint is one transaction whose shard row,
/// offsets and entity states go to the server as one batch of array upserts (<c>unnest</c> of the ids and
/// states, <c>INSERT … ON CONFLICT DO UPDATE</c>), so it costs two round trips (batch, commit) whatever its size
/// up to <see cref="MaxChunkBytes"/> of states.
/// </summary>
public sealed class PostgresStateStore : IStateStore
{
    /// <summary>Entity rows per upsert statement: larger checkpoints send several statements in the same transaction.</summary>
    internal const int DefaultChunkRows = 10_000;

    /// <summary>State bytes per upsert statement, so a checkpoint of large states does not build one huge message.</summary>
    internal const int MaxChunkBytes = 16 << 20;

    private const string UpsertShardSql =
        "INSERT INTO shards (kind, partition, sequence, shard_state, updated_at, created_at, last_checkpoint_entities) " +
        "VALUES ($1, $2, $3, $4, $5, $5, $6) ON CONFLICT (kind, partition) DO UPDATE SET " +
        "sequence = EXCLUDED.sequence, shard_state = coalesce(EXCLUDED.shard_state, shards.shard_state), " +
        "updated_at = EXCLUDED.updated_at, last_checkpoint_entities = EXCLUDED.last_checkpoint_entities";

    private const string UpsertOffsetsSql =
        "INSERT INTO shard_offsets (kind, partition, topic, next_offset) " +
        "SELECT $1, $2, u.topic, u.next_offset FROM unnest($3::text[], $4::bigint[]) AS u(topic, next_offset) " +
        "ON CONFLICT (kind, partition, topic) DO UPDATE SET next_offset = EXCLUDED.next_offset";

    private const string UpsertEntitiesSql =
        "INSERT INTO entities (kind, partition, entity_id, state, updated_at) " +
        "SELECT $1, $2, u.entity_id, u.state, $3 FROM unnest($4::text[], $5::bytea[]) AS u(entity_id, state) " +
        "ON CONFLICT (kind, partition, entity_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at";

    private const string ReadShardSql =
        "SELECT s.sequence, s.shard_state, o.topic, o.next_offset FROM shards s " +
        "LEFT JOIN shard_offsets o ON o.kind = s.kind AND o.partition = s.partition WHERE s.kind = $1 AND s.partition = $2";

    private const string LoadEntitiesSql =
        "SELECT entity_id, state FROM entities WHERE kind = $1 AND partition = $2 AND entity_id = ANY($3)";

    private const string ListShardsSql =
        "SELECT s.kind, s.partition, s.sequence, s.updated_at, " +
        "(SELECT count(*) FROM entities e WHERE e.kind = s.kind AND e.partition = s.partition) FROM shards s ORDER BY s.kind, s.partition";

    private readonly NpgsqlDataSource _dataSource;
    private volatile bool _initialized;

    /// <summary>Creates a store on the database of <paramref name="connectionString"/>; nothing is opened before <see cref="InitializeAsync"/>.</summary>
    /// <param name="connectionString">
    /// An Npgsql connection string, or a store URI: <c>postgres://user[:password]@host[:port]/database[?key=value…]</c>
    /// (libpq's form) or <c>postgres:&lt;Npgsql connection string&gt;</c>. Pool size and the other Npgsql settings are
    /// honoured; unless set, statements are prepared automatically and the application name is <c>actorstreams</c>.
    /// </param>
    /// <exception cref="FormatException">The store URI is malformed.</exception>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public PostgresStateStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = PostgresUri.IsPostgres(connectionString) ? PostgresUri.Parse(connectionString) : new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        builder.ApplicationName ??= "actorstreams";
        Description = PostgresUri.Describe(builder);
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Entity rows per upsert statement (tests lower it to split a checkpoint into several statements).</summary>
    internal int ChunkRows { get; set; } = DefaultChunkRows;

    /// <summary>Test hook: called inside the write transaction after each entity upsert statement, with the entity rows written so far; an exception aborts the checkpoint.</summary>
    internal Action<int>? AfterEntityRowsWritten { get; set; }

    /// <summary>
    /// The Npgsql connection string for a store URI: <c>postgres[ql]://[user[:password]@]host[:port][,host:port…][/database][?key=value&amp;…]</c>
    /// (percent-encoded user, password and database; query keys are libpq's — sslmode, application_name, connect_timeout, …
    /// — or Npgsql's), or <c>postgres:&lt;Npgsql connection string&gt;</c>.
    /// </summary>
    /// <exception cref="FormatException">The URI is malformed; the message says how (and never shows the password).</exception>
    public static string ToConnectionString(string uri) => PostgresUri.Parse(uri).ConnectionString;

    /// <inheritdoc />
    /// <exception cref="SchemaVersionException">The database was migrated by a newer build, or a migration failed.</exception>
    /// <exception cref="ActorStreamsException">The server cannot be reached or refuses the connection.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new ActorStreamsException($"cannot connect to the state store {Description}: {ex.Message}", ex);
        }

        await using (connection.ConfigureAwait(false))
        {
            await SchemaMigrator.Postgres.MigrateAsync(connection, Description, cancellationToken).ConfigureAwait(false);
        }

        _initialized = true;
    }

    /// <inheritdoc />
    public async Task<ShardSnapshot?> ReadShardAsync(ShardKey shard, CancellationToken cancellationToken)
    {
        Checkpoints.ValidateShard(shard);
        EnsureInitialized();
        await using var command = _dataSource.CreateCommand(ReadShardSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = shard.Kind });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = shard.Partition });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, long>? offsets = null;
        byte[]? state = null;
        long sequence = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (offsets is null)
            {
                offsets = new Dictionary<string, long>(StringComparer.Ordinal);
                sequence = reader.GetInt64(0);
                state = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
            }

            if (!reader.IsDBNull(2))
            {
                offsets[reader.GetString(2)] = reader.GetInt64(3);
            }
        }

        return offsets is null ? null : new ShardSnapshot(offsets, state, sequence);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, byte[]>> LoadEntitiesAsync(ShardKey shard, IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        Checkpoints.ValidateShard(shard);
        ArgumentNullException.ThrowIfNull(entityIds);
        EnsureInitialized();
        var result = new Dictionary<string, byte[]>(entityIds.Count, StringComparer.Ordinal);
        if (entityIds.Count == 0)
        {
            return result;
        }

        var ids = entityIds as string[] ?? [.. entityIds];
        if (Array.IndexOf(ids, null) >= 0)
        {
            throw new ArgumentException("an entity id is null", nameof(entityIds));
        }

        await using var command = _dataSource.CreateCommand(LoadEntitiesSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = shard.Kind });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = shard.Partition });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
        }

        return result;
    }

    /// <inheritdoc />
    public async Task WriteCheckpointAsync(ShardCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Checkpoints.Validate(checkpoint);
        EnsureInitialized();

        // One statement must not upsert a row twice: keep the last state of an id, as writing them in order would.
        var entities = Checkpoints.LastPerId(checkpoint.Entities);
        var kind = checkpoint.Shard.Kind;
        var partition = checkpoint.Shard.Partition;
        var at = checkpoint.CreatedAt.ToUniversalTime();

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The shard row, its offsets and the first entity chunk travel in one batch (with the deferred BEGIN).
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var shardRow = new NpgsqlBatchCommand(UpsertShardSql);
            shardRow.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
            shardRow.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            shardRow.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checkpoint.Sequence });
            shardRow.Parameters.Add(new NpgsqlParameter { Value = (object?)checkpoint.ShardState ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
            shardRow.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
            shardRow.Parameters.Add(new NpgsqlParameter<int> { TypedValue = entities.Count });
            batch.BatchCommands.Add(shardRow);

            if (checkpoint.Offsets.Count > 0)
            {
                var offsets = new NpgsqlBatchCommand(UpsertOffsetsSql);
                offsets.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
                offsets.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
                offsets.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. checkpoint.Offsets.Keys], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                offsets.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. checkpoint.Offsets.Values], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                batch.BatchCommands.Add(offsets);
            }

            var written = 0;
            if (entities.Count > 0)
            {
                written = NextChunk(entities, 0);
                batch.BatchCommands.Add(UpsertEntities(kind, partition, at, entities, 0, written));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (written > 0)
            {
                AfterEntityRowsWritten?.Invoke(written);
            }

            while (written < entities.Count)
            {
                var end = NextChunk(entities, written);
                await using var chunk = new NpgsqlBatch(connection, transaction) { BatchCommands = { UpsertEntities(kind, partition, at, entities, written, end) } };
                await chunk.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                written = end;
                AfterEntityRowsWritten?.Invoke(written);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShardSummary>> ListShardsAsync(CancellationToken cancellationToken)
    {
        EnsureInitialized();
        await using var command = _dataSource.CreateCommand(ListShardsSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var shards = new List<ShardSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            shards.Add(new ShardSummary(
                new ShardKey(reader.GetString(0), reader.GetInt32(1)),
                reader.GetInt64(2),
                reader.GetInt64(4),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return shards;
    }

    /// <summary>Closes the pool's connections.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static NpgsqlBatchCommand UpsertEntities(string kind, int partition, DateTimeOffset at, IReadOnlyList<EntityState> entities, int start, int end)
    {
        var ids = new string[end - start];
        var states = new byte[end - start][];
        for (var i = start; i < end; i++)
        {
            ids[i - start] = entities[i].EntityId;
            states[i - start] = entities[i].State;
        }

        var command = new NpgsqlBatchCommand(UpsertEntitiesSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = states, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return command;
    }

    /// <summary>The end of the chunk starting at <paramref name="start"/>: at most <see cref="ChunkRows"/> rows and <see cref="MaxChunkBytes"/> bytes (at least one row).</summary>
    private int NextChunk(IReadOnlyList<EntityState> entities, int start)
    {
        var end = start;
        long bytes = 0;
        while (end < entities.Count && end - start < ChunkRows && (end == start || bytes + entities[end].State.Length <= MaxChunkBytes))
        {
            bytes += entities[end].State.Length;
            end++;
        }

        return end;
    }

    private void EnsureInitialized()
    {
        if (!_initialized)
        {
            throw new InvalidOperationException($"{Description}: call InitializeAsync before using the store");
        }
    }
}
