using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorStreams.Persistence.Tests.Ledger;

[Trait("Category", "Integration")]
public sealed class SqliteLedgerTests : SharedStoreLedgerSpec, IDisposable
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("actorstreams-ledger-").FullName;

    public SqliteLedgerTests(ITestOutputHelper output)
        : this(Path.Combine(Folder, $"{Guid.NewGuid():N}", "ledger.db"), output)
    {
    }

    private SqliteLedgerTests(string file, ITestOutputHelper output)
        : base(Prepared(file), output)
    {
        File = file;
    }

    private string File { get; }

    [Fact]
    public void Snapshot_Saved_DeletesTheEventsItCovers()
    {
        var id = NewId();
        var ledger = Start(id, new() { SnapshotEvery = 4 });
        for (var i = 1; i <= 9; i++)
        {
            Write(ledger, Checkpoint(("transactions", i)), $"w{i}", ($"{i}", "x", false));
        }

        // Snapshots at 4 and 8: events up to 8 are deleted once the snapshot is saved (asynchronously).
        AwaitCondition(() => JournalRows(id) <= 1, Timeout, TimeSpan.FromMilliseconds(50));
        Stop(ledger);

        Assert.Equal(9, Recover(id).State.Entities.Count);
    }

    public new void Dispose()
    {
        base.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private long JournalRows(string persistenceId)
    {
        using var connection = new SqliteConnection($"Data Source={File}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE persistence_id = $id AND deleted = 0";
        command.Parameters.AddWithValue("$id", persistenceId);
        return (long)command.ExecuteScalar()!;
    }

    private static string Prepared(string file)
    {
        var uri = "sqlite:" + file;
        StoreConfiguration.Prepare(StateStoreUri.Locate(uri));
        return uri;
    }
}
