using ActorStreams.TestKit;
using Akka.Configuration;
using Npgsql;
using Xunit.Abstractions;

namespace ActorStreams.Persistence.Tests.Ledger;

[Trait("Category", "Integration")]
public sealed class PostgresLedgerTests(PostgresDatabaseFixture database, ITestOutputHelper output)
    : SharedStoreLedgerSpec(database.Uri, output), IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Checkpoint_AnotherWriterFrozenInsideItsTransaction_GoesThroughOnceTheStoreEndsThatSession()
    {
        // A stale writer inserted the next checkpoint's sequence number and froze (SIGSTOP) before it committed: it
        // holds the journal's unique key, and the new owner's insert of the same number waits on it. Without the
        // session timeout it would wait until the journal's call-timeout, fail as "store unavailable", and again on
        // every retry for as long as the frozen node lives.
        var id = NewId();
        var owner = Start(id);
        Write(owner, Checkpoint(("transactions", 10)), "owner-1");
        var plugin = ConfigurationFactory.ParseString(StoreConfiguration.AkkaHocon(StateStoreUri.Locate(database.Uri)));
        await using var frozen = new NpgsqlConnection(plugin.GetString("akka.persistence.journal.sql.connection-string"));
        await frozen.OpenAsync();
        var transaction = await frozen.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO journal (persistence_id, sequence_number, deleted, created, message, identifier, manifest, writer_uuid) " +
            "VALUES (@id, 2, false, 0, '\\x00'::bytea, 0, '', 'frozen')", frozen, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            await insert.ExecuteNonQueryAsync();
        }

        Write(owner, Checkpoint(("transactions", 20)), "owner-2");

        // The frozen session was ended: its insert rolled back, and it learns so when it resumes.
        await Assert.ThrowsAnyAsync<Exception>(() => transaction.CommitAsync());
        Stop(owner);
        var recovered = Recover(id);
        Assert.Equal(2, recovered.Sequence);
        Assert.Equal(20, recovered.State.Offsets["transactions"]);
    }
}
