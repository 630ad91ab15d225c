using Npgsql;

namespace ActorStreams.Persistence.Tests;

[Trait("Category", "Unit")]
public sealed class StateStoreUriTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData("MEMORY")]
    public void Locate_Memory_IsTheInMemoryStore(string uri)
    {
        var location = StateStoreUri.Locate(uri);

        Assert.Equal(StoreKind.Memory, location.Kind);
    }

    [Theory]
    [InlineData("sqlite:state/node.db", "/srv/work/state/node.db")]
    [InlineData("sqlite:", "/srv/work/data/actorstreams.db")]
    [InlineData("sqlite:/var/lib/actorstreams/state.db", "/var/lib/actorstreams/state.db")]
    [InlineData("SQLite:../up.db", "/srv/up.db")]
    public void Locate_Sqlite_ResolvesThePathAgainstTheWorkingDirectory(string uri, string expectedPath)
    {
        var location = StateStoreUri.Locate(uri, "/srv/work");

        Assert.Equal(StoreKind.Sqlite, location.Kind);
        Assert.Equal(expectedPath, location.Target);
        Assert.Equal($"sqlite:{expectedPath}", location.Description);
    }

    [Fact]
    public void Locate_FullPostgresUri_MapsEveryPartOntoTheConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(StateStoreUri.Locate(
            "postgres://analytics:p%40ss%3Aword@db.example.com:6543/actor%20streams?sslmode=require&application_name=node-1&connect_timeout=7").Target);

        Assert.Equal("analytics", builder.Username);
        Assert.Equal("p@ss:word", builder.Password);
        Assert.Equal("db.example.com", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("actor streams", builder.Database);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal("node-1", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
    }

    [Theory]
    [InlineData("postgres://app@localhost/state", "localhost", 5432, "app", "state")]
    [InlineData("postgresql://app@[::1]:5433/state", "::1", 5433, "app", "state")]
    [InlineData("postgres://h1:5432,h2:5433/state", "h1:5432,h2:5433", 5432, null, "state")]
    [InlineData("postgres:Host=pg;Username=u;Database=d;Port=6000", "pg", 6000, "u", "d")]
    [InlineData("postgres://app@localhost/state?Maximum%20Pool%20Size=7", "localhost", 5432, "app", "state")]
    public void Locate_AcceptedPostgresForms_NameServerUserAndDatabase(string uri, string host, int port, string? user, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(StateStoreUri.Locate(uri).Target);

        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
        Assert.Equal(user, builder.Username);
        Assert.Equal(database, builder.Database);
    }

    [Fact]
    public void Locate_Postgres_DescriptionNamesTheServerWithoutThePassword()
    {
        var location = StateStoreUri.Locate("postgres://app:hunter2@db:5433/state");

        Assert.Equal(StoreKind.Postgres, location.Kind);
        Assert.Equal("postgres://app@db:5433/state", location.Description);
    }

    [Theory]
    [InlineData("mysql://root@localhost/db", "not a store URI")]
    [InlineData("sqlite://data/x.db", "write sqlite:<path> with a file path")]
    [InlineData("sqlite::memory:", "for a store in memory write \"memory\"")]
    [InlineData("postgres://app@/state", "no host")]
    [InlineData("postgres://app@db:99999/state", "port \"99999\" is not a number between 1 and 65535")]
    [InlineData("postgres://app@db/state?frobnicate=1", "query parameter \"frobnicate\"")]
    [InlineData("postgres:Hostt=db", "not a valid Npgsql connection string")]
    [InlineData("", "not a store URI")]
    public void Validate_BadUri_SaysWhatIsWrong(string uri, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StateStoreUri.Validate(uri));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://app:hunter2@db/state?frobnicate=1")]
    [InlineData("postgres:Host=db;Password=hunter2;Frobnicate=1")]
    [InlineData("postgres://app@db/state?password=hunter2&frobnicate=1")]
    public void Validate_BadUriWithAPassword_NeverShowsIt(string uri)
    {
        var error = Assert.Throws<FormatException>(() => StateStoreUri.Validate(uri));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", StateStoreUri.Redact(uri), StringComparison.Ordinal);
    }
}
