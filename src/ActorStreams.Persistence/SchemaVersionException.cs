namespace ActorStreams.Persistence;

/// <summary>
/// The database's schema is newer than this build knows (a newer ActorStreams migrated it), or a migration
/// step failed. Nothing was changed: the store refuses to write to a schema it does not understand.
/// </summary>
public sealed class SchemaVersionException : ActorStreamsException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="databaseVersion">The version recorded in the database (0 for none).</param>
    /// <param name="knownVersion">The newest version this build knows.</param>
    /// <param name="innerException">The database error, if any.</param>
    public SchemaVersionException(string message, int databaseVersion, int knownVersion, Exception? innerException = null)
        : base(message, innerException)
    {
        DatabaseVersion = databaseVersion;
        KnownVersion = knownVersion;
    }

    /// <summary>The schema version recorded in the database.</summary>
    public int DatabaseVersion { get; }

    /// <summary>The newest schema version this build knows.</summary>
    public int KnownVersion { get; }
}
