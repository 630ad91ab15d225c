using Xunit;

namespace ActorStreams.TestKit;

/// <summary>
/// A fresh database per test class (<c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>) on the process's shared
/// <see cref="PostgresServer"/>; dropped when the class's tests are done. Tests needing more isolation create
/// further databases through <see cref="Server"/>.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private string? _database;

    /// <summary>The shared server.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("the fixture is not initialised");

    /// <summary>The class's database.</summary>
    public string Database => _database ?? throw new InvalidOperationException("the fixture is not initialised");

    /// <summary>An Npgsql connection string for the class's database.</summary>
    public string ConnectionString => Server.ConnectionString(Database);

    /// <summary>The store URI (<c>postgres://…</c>) of the class's database.</summary>
    public string Uri => Server.Uri(Database);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await PostgresServer.SharedAsync().ConfigureAwait(false);
        _database = await _server.CreateDatabaseAsync("class").ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null && _database is not null)
        {
            await _server.DropDatabaseAsync(_database).ConfigureAwait(false);
        }
    }
}
