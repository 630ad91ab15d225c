using System.Data.Common;

namespace ActorStreams.Persistence.Internal;

/// <summary>
/// Brings a database to the newest schema this build knows, in one transaction: every pending step of
/// <c>schemas/sql/&lt;dialect&gt;/</c> and its <c>schema_version</c> row, or nothing. A database whose version
/// is newer than the build is refused before anything is written.
/// </summary>
internal sealed class SchemaMigrator
{
    private readonly string _dialect;
    private readonly string _versionTableExistsSql;
    private readonly string? _lockSql;
    private readonly string _nowSql;

    private SchemaMigrator(string dialect, string versionTableExistsSql, string? lockSql, string nowSql)
    {
        _dialect = dialect;
        _versionTableExistsSql = versionTableExistsSql;
        _lockSql = lockSql;
        _nowSql = nowSql;
        Migrations = SchemaMigration.Load(dialect);
    }

    /// <summary>SQLite: the migration transaction is BEGIN IMMEDIATE, which already holds the database's write lock.</summary>
    public static SchemaMigrator Sqlite { get; } = new(
        "sqlite",
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
        lockSql: null,
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");

    /// <summary>PostgreSQL: a transaction-scoped advisory lock makes nodes that start together migrate one after the other.</summary>
    public static SchemaMigrator Postgres { get; } = new(
        "postgres",
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'schema_version' AND schemaname = current_schema()",
        "SELECT pg_advisory_xact_lock(7325001)",
        "now()");

    /// <summary>The steps this build knows, in order.</summary>
    public IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>The newest version this build knows.</summary>
    public int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies the pending steps up to <paramref name="targetVersion"/> (default: all); returns the database's version afterwards.</summary>
    /// <exception cref="SchemaVersionException">The database is newer than this build, or a step failed (nothing applied).</exception>
    public async Task<int> MigrateAsync(DbConnection connection, string location, CancellationToken cancellationToken, int? targetVersion = null)
    {
        var target = targetVersion ?? LatestVersion;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (_lockSql is not null)
        {
            await ExecuteAsync(connection, transaction, _lockSql, cancellationToken).ConfigureAwait(false);
        }

        var current = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (current > LatestVersion)
        {
            throw new SchemaVersionException(
                $"{location} has state store schema version {current}, newer than this build of ActorStreams knows (up to {LatestVersion}): " +
                "run the newer build that migrated it, or point actorstreams.store.uri at another database",
                current,
                LatestVersion);
        }

        var applied = current;
        foreach (var step in Migrations.Where(m => m.Version > current && m.Version <= target))
        {
            try
            {
                await ExecuteAsync(connection, transaction, step.Sql, cancellationToken).ConfigureAwait(false);
                await using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = $"INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, {_nowSql})";
                AddParameter(record, "@version", step.Version);
                AddParameter(record, "@description", step.Name);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                throw new SchemaVersionException(
                    $"migrating {location} from state store schema version {current} failed at step {step.Name} ({_dialect}); nothing was changed: {ex.Message}",
                    current,
                    LatestVersion,
                    ex);
            }

            applied = step.Version;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>The version recorded in the database; 0 for a database without the schema.</summary>
    public async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = _versionTableExistsSql;
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
