using ActorStreams.Persistence.Internal;

namespace ActorStreams.Persistence;

/// <summary>
/// The forms of a store URI (<c>actorstreams.store.uri</c>, <c>--store</c>) and the store each one names:
/// <c>memory</c>, <c>temporary</c>, <c>sqlite:&lt;path&gt;</c>, <c>postgres://…</c> or <c>postgres:&lt;Npgsql connection string&gt;</c>.
/// </summary>
public static class StateStoreUri
{
    /// <summary>The database file of <c>sqlite:</c> without a path, relative to the working directory.</summary>
    public const string DefaultSqlitePath = "data/actorstreams.db";

    /// <summary>The accepted forms, for error messages and help texts.</summary>
    public const string AcceptedForms =
        "\"memory\", \"temporary\" (a SQLite file in a new temporary directory, deleted when the node stops), \"sqlite:<path>\" (relative to the working directory; \"sqlite:\" alone is sqlite:" + DefaultSqlitePath + "), " +
        "\"postgres://user[:password]@host[:port]/database[?sslmode=...&...]\" or \"postgres:<Npgsql connection string>\"";

    /// <summary>Checks <paramref name="uri"/> without opening anything.</summary>
    /// <exception cref="FormatException">The URI is not one of the accepted forms; the message says what is wrong (without repeating the URI, which may hold a password).</exception>
    public static void Validate(string uri) => _ = Parse(uri, Environment.CurrentDirectory);

    /// <summary>Where <paramref name="uri"/> points: the kind of store and its file path or connection string.</summary>
    /// <param name="uri">The store URI.</param>
    /// <param name="workingDirectory">The directory relative SQLite paths resolve against; null for the process's working directory.</param>
    /// <exception cref="FormatException">The URI is not one of the accepted forms.</exception>
    public static StoreLocation Locate(string uri, string? workingDirectory = null)
    {
        var (kind, target) = Parse(uri, workingDirectory ?? Environment.CurrentDirectory);
        var description = kind switch
        {
            StoreKind.Sqlite => "sqlite:" + target,
            StoreKind.Postgres => PostgresUri.Describe(new Npgsql.NpgsqlConnectionStringBuilder(target)),
            StoreKind.Temporary => TemporaryStore.Name,
            _ => "memory",
        };
        return new StoreLocation(kind, target, description);
    }

    /// <summary><paramref name="uri"/> with a password replaced by <c>***</c>, for messages.</summary>
    public static string Redact(string uri) => PostgresUri.IsPostgres(uri ?? "") ? PostgresUri.Redact(uri!) : uri ?? "";

    private static (StoreKind Kind, string Target) Parse(string uri, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var text = uri.Trim();
        if (text.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            return (StoreKind.Memory, "");
        }

        if (TemporaryStore.IsRequested(text))
        {
            return (StoreKind.Temporary, "");
        }

        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal) || path.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException("write sqlite:<path> with a file path (sqlite:data/actorstreams.db, sqlite:/var/lib/actorstreams/state.db); for a store in memory write \"memory\"");
            }

            try
            {
                return (StoreKind.Sqlite, Path.GetFullPath(path.Length == 0 ? DefaultSqlitePath : path, workingDirectory));
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"not a valid file path: {ex.Message}", ex);
            }
        }

        if (PostgresUri.IsPostgres(text))
        {
            return (StoreKind.Postgres, PostgresUri.Parse(text).ConnectionString);
        }

        throw new FormatException("not a store URI");
    }

}
