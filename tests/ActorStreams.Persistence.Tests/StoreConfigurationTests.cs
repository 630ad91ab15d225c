using Akka.Configuration;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;

namespace ActorStreams.Persistence.Tests;

[Trait("Category", "Unit")]
public sealed class StoreConfigurationTests
{
    [Fact]
    public void AkkaHocon_Memory_SelectsAkkasInMemoryPlugins()
    {
        var config = ConfigurationFactory.ParseString(StoreConfiguration.AkkaHocon(StateStoreUri.Locate("memory")));

        Assert.Equal("akka.persistence.journal.inmem", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.inmem", config.GetString("akka.persistence.snapshot-store.plugin"));
    }

    [Fact]
    public void AkkaHocon_Sqlite_SqlPluginsWithTheFileAndTheSqliteProvider()
    {
        var config = ConfigurationFactory.ParseString(StoreConfiguration.AkkaHocon(StateStoreUri.Locate("sqlite:state/a \"b\".db", "/work")));

        foreach (var plugin in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql" })
        {
            Assert.Equal("Data Source=/work/state/a \"b\".db", config.GetString(plugin + ".connection-string"));
            Assert.Equal("SQLite.MS", config.GetString(plugin + ".provider-name"));
            Assert.True(config.GetBoolean(plugin + ".auto-initialize"));
        }

        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
    }

    [Fact]
    public void AkkaSetup_Sqlite_OpensConnectionsWithSynchronousNormal()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("actorstreams-setup-").FullName, "store.db");
        var location = StateStoreUri.Locate("sqlite:" + file);
        StoreConfiguration.Prepare(location);

        Assert.NotNull(StoreConfiguration.AkkaSetup(location));
        using (var db = new DataConnection(StoreConfiguration.SqliteDataOptions(location)))
        {
            // 1 = NORMAL (SQLite's default is 2, FULL); write-ahead logging comes from Prepare and stays with the file.
            Assert.Equal(1L, db.Execute<long>("PRAGMA synchronous"));
            Assert.Equal("wal", db.Execute<string>("PRAGMA journal_mode"));
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void AkkaSetup_MemoryAndPostgres_None()
    {
        Assert.Null(StoreConfiguration.AkkaSetup(StateStoreUri.Locate("memory")));
        Assert.Null(StoreConfiguration.AkkaSetup(StateStoreUri.Locate("postgres://ann@db.example/ledgers")));
    }

    [Fact]
    public void AkkaHocon_Postgres_TheNpgsqlConnectionStringAndThePostgresProvider()
    {
        var config = ConfigurationFactory.ParseString(StoreConfiguration.AkkaHocon(StateStoreUri.Locate("postgres://ann:secret@db.example:5433/ledgers")));

        var connection = config.GetString("akka.persistence.journal.sql.connection-string");
        Assert.Contains("Host=db.example", connection, StringComparison.Ordinal);
        Assert.Contains("Port=5433", connection, StringComparison.Ordinal);
        Assert.Contains("Database=ledgers", connection, StringComparison.Ordinal);
        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
    }

    [Fact]
    public void AkkaHocon_Postgres_SessionsEndWhenIdleInATransaction()
    {
        var config = ConfigurationFactory.ParseString(StoreConfiguration.AkkaHocon(StateStoreUri.Locate("postgres://ann@db.example/ledgers")));

        foreach (var plugin in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql" })
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(config.GetString(plugin + ".connection-string"));
            Assert.Equal("-c idle_in_transaction_session_timeout=5000", builder.Options);
        }
    }

    [Fact]
    public void AkkaHocon_PostgresWithOptions_KeepsThemAndAddsTheTimeoutUnlessTheyHaveOne()
    {
        static string? Options(string uri) => new Npgsql.NpgsqlConnectionStringBuilder(
            ConfigurationFactory.ParseString(StoreConfiguration.AkkaHocon(StateStoreUri.Locate(uri))).GetString("akka.persistence.journal.sql.connection-string")).Options;

        Assert.Equal("-c search_path=ledgers -c idle_in_transaction_session_timeout=5000", Options("postgres://ann@db.example/db?options=-c%20search_path%3Dledgers"));
        Assert.Equal("-c idle_in_transaction_session_timeout=60000", Options("postgres://ann@db.example/db?options=-c%20idle_in_transaction_session_timeout%3D60000"));
    }

    [Fact]
    public void Prepare_Sqlite_CreatesTheFolderAndSwitchesToWriteAheadLogging()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"actorstreams-store-{Guid.NewGuid():N}", "nested");
        var location = StateStoreUri.Locate("sqlite:" + Path.Combine(folder, "x.db"));

        StoreConfiguration.Prepare(location);

        using var connection = new SqliteConnection($"Data Source={location.Target}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
        connection.Close();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }

    [Fact]
    public void Prepare_SqliteFileThatCannotBeCreated_NamesIt()
    {
        var location = StateStoreUri.Locate("sqlite:/proc/no-such/actorstreams.db");

        var error = Assert.Throws<ActorStreamsException>(() => StoreConfiguration.Prepare(location));

        Assert.Contains("/proc/no-such/actorstreams.db", error.Message, StringComparison.Ordinal);
    }
}
