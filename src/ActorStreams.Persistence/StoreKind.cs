namespace ActorStreams.Persistence;

/// <summary>The kinds of store a ledger can live in (docs/design.md §3).</summary>
public enum StoreKind
{
    /// <summary>Process memory (Akka's in-memory journal): lost when the process stops; for tests.</summary>
    Memory,

    /// <summary>An embedded SQLite database file: one host.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: a cluster on many hosts.</summary>
    Postgres,

    /// <summary>
    /// <c>temporary</c>: a SQLite database in a new temporary directory, created when the node starts and deleted when it
    /// stops (<see cref="TemporaryStore"/>); the demo's nodes share one. Resolved to its <c>sqlite:</c> location before use.
    /// </summary>
    Temporary,
}
