using Microsoft.Data.Sqlite;

namespace ActorStreams.Persistence;

/// <summary>
/// A SQLite store in a new temporary directory, deleted on dispose: for runs whose Kafka data does not outlive the
/// process either (the demo's and the soak's in-memory broker), so their checkpoints must not outlive it. Unlike the
/// <c>memory</c> store it keeps the ledgers out of the heap: Akka's in-memory journal only marks deleted events, so a
/// long run would hold every checkpoint ever written.
/// </summary>
public sealed class TemporaryStore : IDisposable
{
    /// <summary>The value of <c>--store</c> (and <c>actorstreams.store.uri</c> in the demo) that asks for one.</summary>
    public const string Name = "temporary";

    private readonly DirectoryInfo _directory;

    private TemporaryStore(DirectoryInfo directory)
    {
        _directory = directory;
        Uri = $"sqlite:{Path.Combine(directory.FullName, "actorstreams.db")}";
    }

    /// <summary>The store's URI, <c>sqlite:&lt;temporary directory&gt;/actorstreams.db</c>.</summary>
    public string Uri { get; }

    /// <summary>Creates the directory (named after <paramref name="purpose"/>); the database file is created when the node starts.</summary>
    public static TemporaryStore Create(string purpose) => new(Directory.CreateTempSubdirectory($"actorstreams-{purpose}-"));

    /// <summary>True when <paramref name="storeUri"/> asks for a temporary store.</summary>
    public static bool IsRequested(string? storeUri) => string.Equals(storeUri?.Trim(), Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Deletes the directory and the database in it (pooled connections are closed first).</summary>
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temporary folder; the operating system cleans it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
