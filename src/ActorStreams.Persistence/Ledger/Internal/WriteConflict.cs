using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ActorStreams.Persistence.Ledger.Internal;

/// <summary>
/// Tells a write that lost to another writer from a store failure: the journal's insert broke its unique key
/// (<c>persistence_id</c>, <c>sequence_number</c>). The plugins wrap the driver's exception, so every inner exception is
/// looked at.
/// </summary>
internal static class WriteConflict
{
    /// <summary>PostgreSQL's unique_violation.</summary>
    private const string PostgresUniqueViolation = "23505";

    /// <summary>SQLite's SQLITE_CONSTRAINT (primary key and unique violations are its extended codes).</summary>
    private const int SqliteConstraint = 19;

    public static bool IsConflict(Exception? cause)
    {
        for (var e = cause; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteConstraint }:
                case DbException { SqlState: PostgresUniqueViolation }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsConflict):
                    return true;
            }
        }

        return false;
    }
}
