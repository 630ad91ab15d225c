using System.Data.Common;
using System.Text;
using Akka.Actor.Setup;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace ActorStreams.Persistence;

/// <summary>
/// Maps a store URI (<c>actorstreams.store.uri</c>, <c>--store</c>) onto Akka.Persistence's journal and snapshot-store
/// plugins: Akka's in-memory plugins for <c>memory</c>, Akka.Persistence.Sql with provider <c>SQLite.MS</c> for
/// <c>sqlite:</c> and <c>PostgreSQL.15</c> for <c>postgres://</c>; tables are created at start.
/// </summary>
public static class StoreConfiguration
{
    /// <summary>The Linq2Db provider of SQLite files (Microsoft.Data.Sqlite).</summary>
    public const string SqliteProvider = "SQLite.MS";

    /// <summary>The Linq2Db provider of PostgreSQL (Npgsql).</summary>
    public const string PostgresProvider = "PostgreSQL.15";

    /// <summary>
    /// How long PostgreSQL lets a session of the plugins sit idle inside a transaction before it ends the session (see
    /// <see cref="PostgresConnectionString"/>): far longer than a checkpoint's transaction waits on its own client,
    /// far shorter than the Split Brain Resolver takes to down an unresponsive node.
    /// </summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What every SQLite connection of the plugins runs first (see <see cref="AkkaSetup"/>).</summary>
    private const string SqlitePragmas = "PRAGMA synchronous = NORMAL;";

    /// <summary>The HOCON that selects and configures the plugins of <paramref name="location"/> (to be laid over the configuration).</summary>
    public static string AkkaHocon(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        RequireResolved(location);
        var hocon = new StringBuilder();
        switch (location.Kind)
        {
            case StoreKind.Memory:
                hocon.Append("akka.persistence.journal.plugin = \"akka.persistence.journal.inmem\"\n");
                hocon.Append("akka.persistence.snapshot-store.plugin = \"akka.persistence.snapshot-store.inmem\"\n");
                break;
            default:
                var provider = location.Kind == StoreKind.Sqlite ? SqliteProvider : PostgresProvider;
                var connection = ConnectionString(location);
                hocon.Append("akka.persistence.journal.plugin = \"akka.persistence.journal.sql\"\n");
                hocon.Append("akka.persistence.snapshot-store.plugin = \"akka.persistence.snapshot-store.sql\"\n");
                foreach (var plugin in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql" })
                {
                    hocon.Append(plugin).Append(".connection-string = ").Append(Quote(connection)).Append('\n');
                    hocon.Append(plugin).Append(".provider-name = ").Append(Quote(provider)).Append('\n');
                    hocon.Append(plugin).Append(".auto-initialize = on\n");
                }

                break;
        }

        return hocon.ToString();
    }

    /// <summary>
    /// The Akka setup the SQL plugins build their connections from, or null to use the HOCON alone (memory,
    /// PostgreSQL). Every SQLite connection the plugins open runs with <c>synchronous = NORMAL</c>: in write-ahead-log
    /// mode a commit then waits for the operating system, not for the disk, so a checkpoint survives a crash of the
    /// process; a power loss can take the last checkpoints, whose partitions then replay from an earlier one (state and
    /// offsets stay consistent: each checkpoint is one transaction).
    /// </summary>
    public static Setup? AkkaSetup(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != StoreKind.Sqlite)
        {
            return null;
        }

        return new DataOptionsSetup(SqliteDataOptions(location));
    }

    /// <summary>The Linq2Db options of the plugins' SQLite connections (see <see cref="AkkaSetup"/>).</summary>
    internal static DataOptions SqliteDataOptions(StoreLocation location) =>
        new DataOptions()
            .UseConnectionString(SqliteProvider, ConnectionString(location))
            .UseAfterConnectionOpened(SqliteOpened, SqliteOpenedAsync);

    private static string ConnectionString(StoreLocation location) =>
        location.Kind == StoreKind.Sqlite ? $"Data Source={location.Target}" : PostgresConnectionString(location.Target);

    /// <summary>
    /// The plugins' PostgreSQL connection string: <paramref name="target"/> with
    /// <c>idle_in_transaction_session_timeout</c> (<see cref="IdleInTransactionTimeout"/>) among its session options,
    /// unless the URI's <c>options</c> set it. A node frozen (SIGSTOP, a long pause) inside a checkpoint's transaction
    /// holds the journal's unique key of the sequence number it inserted; the partition's new owner writing that
    /// number would wait on the lock until its write times out, again and again, as long as the frozen node lives.
    /// PostgreSQL ends such a session after the timeout instead: the frozen write rolls back (the node learns it lost
    /// when it resumes) and the new owner's write goes through.
    /// </summary>
    internal static string PostgresConnectionString(string target)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(target);
        var options = builder.Options ?? "";
        if (!options.Contains("idle_in_transaction_session_timeout", StringComparison.OrdinalIgnoreCase))
        {
            var milliseconds = ((long)IdleInTransactionTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Options = $"{options} -c idle_in_transaction_session_timeout={milliseconds}".Trim();
        }

        return builder.ConnectionString;
    }

    private static void SqliteOpened(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqlitePragmas;
        command.ExecuteNonQuery();
    }

    private static async Task SqliteOpenedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = SqlitePragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Prepares the store before the plugins open it: for SQLite, creates the file's folder and switches the database to
    /// write-ahead logging, so that the partitions' checkpoints and recoveries do not lock each other out.
    /// </summary>
    /// <exception cref="ActorStreamsException">The SQLite file cannot be created or opened; the message names it.</exception>
    public static void Prepare(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != StoreKind.Sqlite)
        {
            return;
        }

        try
        {
            if (Path.GetDirectoryName(location.Target) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = new SqliteConnection($"Data Source={location.Target}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new ActorStreamsException($"cannot open the SQLite store {location.Target}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The persistence ids with events or snapshots in the store (the partition ledgers an earlier run left), read
    /// straight from the plugin's <c>journal</c> and <c>snapshot</c> tables; none for <c>memory</c>, for a SQLite file
    /// that does not exist, or before the tables are created.
    /// </summary>
    /// <exception cref="ActorStreamsException">The store cannot be read; the message names it.</exception>
    public static IReadOnlyList<string> StoredPersistenceIds(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        const string Query = "SELECT persistence_id FROM journal UNION SELECT persistence_id FROM snapshot ORDER BY 1";
        try
        {
            switch (location.Kind)
            {
                case StoreKind.Sqlite when File.Exists(location.Target):
                    using (var connection = new SqliteConnection($"Data Source={location.Target};Mode=ReadOnly"))
                    {
                        connection.Open();
                        return HasTables(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('journal', 'snapshot')")
                            ? ReadIds(connection, Query)
                            : [];
                    }

                case StoreKind.Postgres:
                    using (var connection = new Npgsql.NpgsqlConnection(location.Target))
                    {
                        connection.Open();
                        return HasTables(connection, "SELECT (to_regclass('journal') IS NOT NULL)::int + (to_regclass('snapshot') IS NOT NULL)::int")
                            ? ReadIds(connection, Query)
                            : [];
                    }

                default:
                    return [];
            }
        }
        catch (System.Data.Common.DbException ex)
        {
            throw new ActorStreamsException($"cannot read the store {location.Description}: {ex.Message}", ex);
        }
    }

    private static bool HasTables(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 2;
    }

    private static List<string> ReadIds(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A <c>temporary</c> store names no database until the node creates it (<see cref="TemporaryStore"/>).</summary>
    private static void RequireResolved(StoreLocation location)
    {
        if (location.Kind == StoreKind.Temporary)
        {
            throw new InvalidOperationException("a temporary store is created when the node starts: locate its sqlite: URI (TemporaryStore.Uri) instead");
        }
    }
}
