namespace ActorStreams.Persistence.Ledger;

/// <summary>
/// Published on the actor system's event stream when a ledger could not write a checkpoint to the store or recover
/// from it (the ledger stops). The node's keep-alive then pauses its partitions until the store answers a
/// <see cref="StoreProbe"/> (docs/design.md §3).
/// </summary>
/// <param name="PersistenceId">The ledger that failed.</param>
/// <param name="Cause">What the store (or the plugin in front of it) reported.</param>
public sealed record LedgerStoreFailed(string PersistenceId, Exception Cause);
