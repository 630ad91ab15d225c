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
}
