using System.Collections.Concurrent;
using System.Numerics;
using ActorStreams.Persistence.Internal;
using Microsoft.Data.Sqlite;

namespace ActorStreams.Persistence;

/// <summary>
/// The embedded store: one SQLite database file (WAL mode) for a node or for every node on one host.
/// SQLite allows one writer at a time, so checkpoints are serialised on one writer connection (each a
/// single transaction of multi-row upserts through statements prepared once); entity loads and shard reads
/// run concurrently on a small pool of read connections, which WAL mode never blocks.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    /// <summary>Rows of the largest multi-row upsert; a checkpoint of n entities runs the binary decomposition of n (256 + 128 + …).</summary>
    internal const int MaxRowsPerStatement = 256;

    /// <summary>Ids of the largest load query; smaller batches use the next power of two, padded with a repeated id.</summary>
    internal const int MaxIdsPerQuery = 512;

    private const string UpsertShardSql =
        "INSERT INTO shards (kind, partition, sequence, shard_state, updated_at, created_at, last_checkpoint_entities) " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) ON CONFLICT (kind, partition) DO UPDATE SET " +
        "sequence = excluded.sequence, shard_state = coalesce(excluded.shard_state, shards.shard_state), " +
        "updated_at = excluded.updated_at, last_checkpoint_entities = excluded.last_checkpoint_entities";

    private const string UpsertOffsetSql =
        "INSERT INTO shard_offsets (kind, partition, topic, next_offset) VALUES (?1, ?2, ?3, ?4) " +
        "ON CONFLICT (kind, partition, topic) DO UPDATE SET next_offset = excluded.next_offset";

    private const string ReadShardSql =
        "SELECT s.sequence, s.shard_state, o.topic, o.next_offset FROM shards s " +
        "LEFT JOIN shard_offsets o ON o.kind = s.kind AND o.partition = s.partition WHERE s.kind = ?1 AND s.partition = ?2";

    private const string ListShardsSql =
        "SELECT s.kind, s.partition, s.sequence, s.updated_at, " +
        "(SELECT count(*) FROM entities e WHERE e.kind = s.kind AND e.partition = s.partition) FROM shards s ORDER BY s.kind, s.partition";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _readGate;
    private readonly ConcurrentBag<ReadConnection> _idleReaders = [];
    private readonly int _maxReaders;
    private WriteConnection? _writer;
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Creates a store on the database file at <paramref name="path"/> (relative paths resolve against the working directory); nothing is opened before <see cref="InitializeAsync"/>.</summary>
    /// <param name="path">The database file; created with its directory when missing.</param>
    public SqliteStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The store keeps its connections open for its lifetime; closing must really close the file.
            Pooling = false,
        }.ToString();
        _maxReaders = Math.Clamp(Environment.ProcessorCount, 2, 8);
        _readGate = new SemaphoreSlim(_maxReaders, _maxReaders);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public string Description => $"sqlite:{FilePath}";

    /// <summary>Test hook: called inside the write transaction after each multi-row entity upsert, with the entity rows written so far; an exception aborts the checkpoint.</summary>
    internal Action<int>? AfterEntityRowsWritten { get; set; }

    /// <inheritdoc />
    /// <exception cref="SchemaVersionException">The database was migrated by a newer build, or a migration failed.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_initialized)
            {
                return;
            }

            if (Path.GetDirectoryName(FilePath) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            var connection = OpenConnection(writer: true);
            try
            {
                await SchemaMigrator.Sqlite.MigrateAsync(connection, Description, cancellationToken).ConfigureAwait(false);
                _writer = new WriteConnection(connection);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _initialized = true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<ShardSnapshot?> ReadShardAsync(ShardKey shard, CancellationToken cancellationToken)
    {
        Checkpoints.ValidateShard(shard);
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        var healthy = false;
        try
        {
            var statement = reader.ReadShard;
            ShardSnapshot? snapshot = null;
            try
            {
                statement.BindText(1, shard.Kind);
                statement.BindInt64(2, shard.Partition);
                Dictionary<string, long>? offsets = null;
                byte[]? state = null;
                long sequence = 0;
                while (statement.Step())
                {
                    if (offsets is null)
                    {
                        offsets = new Dictionary<string, long>(StringComparer.Ordinal);
                        sequence = statement.Int64(0);
                        state = statement.IsNull(1) ? null : statement.Blob(1);
                    }

                    if (!statement.IsNull(2))
                    {
                        offsets[statement.Text(2)] = statement.Int64(3);
                    }
                }

                if (offsets is not null)
                {
                    snapshot = new ShardSnapshot(offsets, state, sequence);
                }
            }
            finally
            {
                statement.Reset();
            }

            healthy = true;
            return snapshot;
        }
        finally
        {
            ReturnReader(reader, healthy);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, byte[]>> LoadEntitiesAsync(ShardKey shard, IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        Checkpoints.ValidateShard(shard);
        ArgumentNullException.ThrowIfNull(entityIds);
        var result = new Dictionary<string, byte[]>(entityIds.Count, StringComparer.Ordinal);
        if (entityIds.Count == 0)
        {
            return result;
        }

        var ids = entityIds as IReadOnlyList<string> ?? [.. entityIds];
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        var healthy = false;
        try
        {
            // Several queries read inside one transaction, so they see one checkpoint, never two halves.
            var several = ids.Count > MaxIdsPerQuery;
            if (several)
            {
                SqliteStatement.Exec(reader.Connection, "BEGIN");
            }

            for (var offset = 0; offset < ids.Count; offset += MaxIdsPerQuery)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(MaxIdsPerQuery, ids.Count - offset);
                var size = (int)BitOperations.RoundUpToPowerOf2((uint)count);
                var statement = reader.Load(size);
                try
                {
                    statement.BindText(1, shard.Kind);
                    statement.BindInt64(2, shard.Partition);
                    for (var j = 0; j < size; j++)
                    {
                        var id = ids[offset + Math.Min(j, count - 1)] ?? throw new ArgumentException("an entity id is null", nameof(entityIds));
                        statement.BindText(3 + j, id);
                    }

                    while (statement.Step())
                    {
                        result[statement.Text(0)] = statement.Blob(1);
                    }
                }
                finally
                {
                    statement.Reset();
                }
            }

            if (several)
            {
                SqliteStatement.Exec(reader.Connection, "COMMIT");
            }

            healthy = true;
            return result;
        }
        finally
        {
            ReturnReader(reader, healthy);
        }
    }

    /// <inheritdoc />
    public async Task WriteCheckpointAsync(ShardCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Checkpoints.Validate(checkpoint);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_initialized)
            {
                throw new InvalidOperationException($"{Description}: call InitializeAsync before writing");
            }

            // A writer whose failed transaction could not be rolled back was dropped: reopen it.
            _writer ??= new WriteConnection(OpenConnection(writer: true));
            try
            {
                _writer.Write(checkpoint, AfterEntityRowsWritten, cancellationToken);
            }
            catch when (_writer.Broken)
            {
                _writer.Dispose();
                _writer = null;
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShardSummary>> ListShardsAsync(CancellationToken cancellationToken)
    {
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        var healthy = false;
        try
        {
            var shards = new List<ShardSummary>();
            using (var statement = new SqliteStatement(reader.Connection, ListShardsSql))
            {
                while (statement.Step())
                {
                    shards.Add(new ShardSummary(
                        new ShardKey(statement.Text(0), (int)statement.Int64(1)),
                        statement.Int64(2),
                        statement.Int64(4),
                        DateTimeOffset.FromUnixTimeMilliseconds(statement.Int64(3))));
                }
            }

            healthy = true;
            return shards;
        }
        finally
        {
            ReturnReader(reader, healthy);
        }
    }

    /// <summary>Waits for the running write, then closes every connection (SQLite checkpoints the WAL into the database file when the last one closes).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _writeGate.Release();
        }

        // Take every read permit: no read is running afterwards.
        for (var i = 0; i < _maxReaders; i++)
        {
            await _readGate.WaitAsync().ConfigureAwait(false);
        }

        while (_idleReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private SqliteConnection OpenConnection(bool writer)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Another process (a second node on this host) may hold the write lock: wait for it, up to 30 s.
            SqliteStatement.Exec(connection, "PRAGMA busy_timeout = 30000");
            if (writer)
            {
                // Takes effect only while the file is empty (a new database). Each dirty page costs a WAL write, a
                // copy back into the database and its share of the syncs; checkpoints of 600-byte states spread over
                // a table, 16 KiB pages cost ~25% less CPU than 4 KiB when most entities are dirty and ~1.4x more
                // when 1% are, where the absolute cost is small (measured: 100,000 rows, 24 shards).
                SqliteStatement.Exec(connection, "PRAGMA page_size = 16384");
                using (var mode = connection.CreateCommand())
                {
                    mode.CommandText = "PRAGMA journal_mode = WAL";
                    if (mode.ExecuteScalar() is not string journal || !journal.Equals("wal", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new ActorStreamsException($"{Description}: the database cannot use write-ahead logging (journal mode stays {mode.ExecuteScalar()}); put it on a local file system");
                    }
                }

                // WAL + NORMAL syncs the log only when it is checkpointed into the database, not on every commit.
                // A committed transaction survives the crash of the process (the log is in the OS page cache and
                // is replayed on the next open), which is the failure exactly-once state has to survive here; a
                // power loss can lose the last commits but never mixes two checkpoints, so the restored state and
                // offsets still belong together and replay covers the rest. FULL costs about the same CPU here
                // (measured), but adds an fsync to every commit, and commits are serialised on this one writer:
                // with 24 shards a 5 ms disk flush would put 120 ms of latency into every checkpoint round.
                SqliteStatement.Exec(connection, "PRAGMA synchronous = NORMAL");
                // Each checkpoint rewrites the dirty states of one second: keep the entity pages cached.
                SqliteStatement.Exec(connection, "PRAGMA cache_size = -65536");
            }
            else
            {
                SqliteStatement.Exec(connection, "PRAGMA query_only = 1");
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task<ReadConnection> RentReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            throw new InvalidOperationException($"{Description}: call InitializeAsync before reading");
        }

        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _idleReaders.TryTake(out var reader) ? reader : new ReadConnection(OpenConnection(writer: false));
        }
        catch
        {
            _readGate.Release();
            throw;
        }
    }

    private void ReturnReader(ReadConnection reader, bool healthy)
    {
        // A reader that failed may be left inside a transaction: drop it rather than reuse it.
        if (healthy)
        {
            _idleReaders.Add(reader);
        }
        else
        {
            reader.Dispose();
        }

        _readGate.Release();
    }

    /// <summary>The writer connection with its prepared statements.</summary>
    private sealed class WriteConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteStatement _upsertShard;
        private readonly SqliteStatement _upsertOffset;

        // Index k holds the upsert of 2^k rows.
        private readonly SqliteStatement?[] _upsertEntities = new SqliteStatement?[BitOperations.Log2(MaxRowsPerStatement) + 1];

        public WriteConnection(SqliteConnection connection)
        {
            _connection = connection;
            _upsertShard = new SqliteStatement(connection, UpsertShardSql);
            _upsertOffset = new SqliteStatement(connection, UpsertOffsetSql);
        }

        /// <summary>True when a failed transaction could not be rolled back: the connection must not be reused.</summary>
        public bool Broken { get; private set; }

        public void Write(ShardCheckpoint checkpoint, Action<int>? afterEntityRows, CancellationToken cancellationToken)
        {
            var kind = checkpoint.Shard.Kind;
            var partition = checkpoint.Shard.Partition;
            var at = checkpoint.CreatedAt.ToUnixTimeMilliseconds();
            var entities = checkpoint.Entities;
            SqliteStatement.Exec(_connection, "BEGIN IMMEDIATE");
            try
            {
                _upsertShard.BindText(1, kind);
                _upsertShard.BindInt64(2, partition);
                _upsertShard.BindInt64(3, checkpoint.Sequence);
                _upsertShard.BindNullableBlob(4, checkpoint.ShardState);
                _upsertShard.BindInt64(5, at);
                _upsertShard.BindInt64(6, entities.Count);
                _upsertShard.Execute();

                foreach (var (topic, offset) in checkpoint.Offsets)
                {
                    _upsertOffset.BindText(1, kind);
                    _upsertOffset.BindInt64(2, partition);
                    _upsertOffset.BindText(3, topic);
                    _upsertOffset.BindInt64(4, offset);
                    _upsertOffset.Execute();
                }

                var written = 0;
                for (var size = MaxRowsPerStatement; size > 0; size >>= 1)
                {
                    while (entities.Count - written >= size)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var statement = UpsertEntities(size);
                        statement.BindText(1, kind);
                        statement.BindInt64(2, partition);
                        statement.BindInt64(3, at);
                        for (var j = 0; j < size; j++)
                        {
                            var entity = entities[written + j];
                            statement.BindText(4 + (2 * j), entity.EntityId);
                            statement.BindBlob(5 + (2 * j), entity.State);
                        }

                        statement.Execute();
                        written += size;
                        afterEntityRows?.Invoke(written);
                    }
                }

                SqliteStatement.Exec(_connection, "COMMIT");
            }
            catch
            {
                Rollback();
                throw;
            }
            finally
            {
                // The bound copies of the states are not needed any more.
                foreach (var statement in _upsertEntities)
                {
                    statement?.ClearBindings();
                }

                _upsertShard.ClearBindings();
            }
        }

        public void Dispose()
        {
            foreach (var statement in _upsertEntities)
            {
                statement?.Dispose();
            }

            _upsertShard.Dispose();
            _upsertOffset.Dispose();
            _connection.Dispose();
        }

        private SqliteStatement UpsertEntities(int rows)
        {
            var index = BitOperations.Log2((uint)rows);
            return _upsertEntities[index] ??= new SqliteStatement(_connection, UpsertEntitiesSql(rows));
        }

        private static string UpsertEntitiesSql(int rows)
        {
            // ?1 kind, ?2 partition, ?3 updated_at are shared; row j binds its id to ?(4 + 2j) and its state to ?(5 + 2j).
            var sql = new System.Text.StringBuilder("INSERT INTO entities (kind, partition, entity_id, state, updated_at) VALUES ");
            for (var j = 0; j < rows; j++)
            {
                sql.Append(j == 0 ? "" : ", ").Append("(?1, ?2, ?").Append(4 + (2 * j)).Append(", ?").Append(5 + (2 * j)).Append(", ?3)");
            }

            sql.Append(" ON CONFLICT (kind, partition, entity_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at");
            return sql.ToString();
        }

        private void Rollback()
        {
            try
            {
                if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
                {
                    SqliteStatement.Exec(_connection, "ROLLBACK");
                }
            }
            catch (SqliteException)
            {
                Broken = true;
            }
        }
    }

    /// <summary>A read connection with the statements it has prepared.</summary>
    private sealed class ReadConnection : IDisposable
    {
        // Index k holds the load query of 2^k ids.
        private readonly SqliteStatement?[] _load = new SqliteStatement?[BitOperations.Log2(MaxIdsPerQuery) + 1];
        private SqliteStatement? _readShard;

        public ReadConnection(SqliteConnection connection) => Connection = connection;

        public SqliteConnection Connection { get; }

        public SqliteStatement ReadShard => _readShard ??= new SqliteStatement(Connection, ReadShardSql);

        public SqliteStatement Load(int ids)
        {
            var index = BitOperations.Log2((uint)ids);
            return _load[index] ??= new SqliteStatement(Connection, LoadSql(ids));
        }

        public void Dispose()
        {
            foreach (var statement in _load)
            {
                statement?.Dispose();
            }

            _readShard?.Dispose();
            Connection.Dispose();
        }

        private static string LoadSql(int ids)
        {
            var sql = new System.Text.StringBuilder("SELECT entity_id, state FROM entities WHERE kind = ?1 AND partition = ?2 AND entity_id IN (");
            for (var j = 0; j < ids; j++)
            {
                sql.Append(j == 0 ? "?" : ", ?").Append(3 + j);
            }

            return sql.Append(')').ToString();
        }
    }
}
