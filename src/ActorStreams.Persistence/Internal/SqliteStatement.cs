using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ActorStreams.Persistence.Internal;

/// <summary>
/// A statement prepared once on a connection and reused for the connection's lifetime, bound by parameter
/// index. The hot paths (checkpoint upserts, entity loads) use it instead of <see cref="SqliteCommand"/>,
/// which binds parameters by name on every execution, a scan over all of a statement's parameters per
/// parameter, so quadratic in the size of a multi-row statement.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out _);
        Check(rc);
    }

    public void BindText(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindBlob(int index, ReadOnlySpan<byte> value) =>
        // An empty span would be bound as NULL (no pointer): a zero-length blob needs its own call.
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(_statement, index, 0) : raw.sqlite3_bind_blob(_statement, index, value));

    public void BindNullableBlob(int index, byte[]? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
        }
        else
        {
            BindBlob(index, value);
        }
    }

    /// <summary>Runs the statement to its next row; false when it is done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw Error(rc),
        };
    }

    /// <summary>Runs a statement that returns no rows.</summary>
    public void Execute()
    {
        try
        {
            while (Step())
            {
            }
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Makes the statement runnable again; the bindings stay.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    /// <summary>Releases the bound values (bound blobs are copies held by the statement).</summary>
    public void ClearBindings() => raw.sqlite3_clear_bindings(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public byte[] Blob(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    public void Dispose() => _statement.Dispose();

    /// <summary>Runs SQL without results on <paramref name="connection"/> (transaction control).</summary>
    public static void Exec(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_exec(db, sql, out var message);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {rc}: {message ?? raw.sqlite3_errmsg(db).utf8_to_string()}", rc, raw.sqlite3_extended_errcode(db));
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new($"SQLite Error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc, raw.sqlite3_extended_errcode(_db));
}
