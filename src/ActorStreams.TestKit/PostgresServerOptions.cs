namespace ActorStreams.TestKit;

/// <summary>How <see cref="PostgresServer.StartAsync"/> runs a server.</summary>
public sealed record PostgresServerOptions
{
    /// <summary>
    /// Keep PostgreSQL's crash safety (fsync, synchronous commit, full-page writes), e.g. to measure realistic
    /// write costs. Off by default: a test server is thrown away, and tests crash nodes, never the database.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>How long initdb, the start and the first connection may take.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
