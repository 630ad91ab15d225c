using ActorStreams.Persistence.Ledger.Internal;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorStreams.Persistence.Tests.Ledger;

/// <summary>A write that lost to another writer (the journal's unique key) is told from a store that failed, however the plugin wraps it.</summary>
[Trait("Category", "Unit")]
public sealed class WriteConflictTests
{
    [Fact]
    public void IsConflict_PostgresUniqueViolationWrapped_IsAConflict()
    {
        var violation = new PostgresException("duplicate key value violates unique constraint \"journal_pkey\"", "ERROR", "ERROR", "23505");

        Assert.True(WriteConflict.IsConflict(new InvalidOperationException("write failed", violation)));
    }

    [Fact]
    public void IsConflict_SqliteConstraintInAnAggregate_IsAConflict()
    {
        var constraint = new SqliteException("SQLite Error 19: 'UNIQUE constraint failed: journal.persistence_id, journal.sequence_number'.", 19);

        Assert.True(WriteConflict.IsConflict(new AggregateException(new TimeoutException("other"), constraint)));
    }

    [Fact]
    public void IsConflict_StoreUnavailable_IsNot()
    {
        var refused = new PostgresException("the database system is shutting down", "FATAL", "FATAL", "57P03");

        Assert.False(WriteConflict.IsConflict(new InvalidOperationException("write failed", refused)));
        Assert.False(WriteConflict.IsConflict(new SqliteException("SQLite Error 5: 'database is locked'.", 5)));
        Assert.False(WriteConflict.IsConflict(new TimeoutException()));
        Assert.False(WriteConflict.IsConflict(null));
    }
}
