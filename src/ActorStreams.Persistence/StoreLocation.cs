namespace ActorStreams.Persistence;

/// <summary>A parsed store URI.</summary>
/// <param name="Kind">The kind of store.</param>
/// <param name="Target">The SQLite file's full path or the Npgsql connection string; empty for memory.</param>
/// <param name="Description">The store named without any password (<c>postgres://user@host:port/db</c>, <c>sqlite:/abs/path</c>, <c>memory</c>), for messages and logs.</param>
public sealed record StoreLocation(StoreKind Kind, string Target, string Description)
{
    /// <inheritdoc />
    public override string ToString() => Description;
}
