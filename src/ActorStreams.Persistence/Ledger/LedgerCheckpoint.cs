namespace ActorStreams.Persistence.Ledger;

/// <summary>
/// The one event a partition ledger persists per checkpoint (docs/design.md §3): the next offset of every input topic,
/// the partition's own stream state (watermarks), and the states of the entities changed since the previous
/// checkpoint. Self-contained: the offsets and the states are those of the same instant, so any prefix of a ledger's
/// history is a valid state to resume from.
/// </summary>
/// <param name="Offsets">Next offset to read, per input topic of the partition.</param>
/// <param name="StreamState">The partition's stream state (e.g. watermarks), or null when it has none.</param>
/// <param name="Entities">The entities changed since the previous checkpoint.</param>
/// <param name="WrittenAt">When the checkpoint was taken (wall clock).</param>
/// <param name="Owner">
/// The node that wrote it (its Akka address with the incarnation's uid), or null in checkpoints written before owners
/// were recorded. A node whose write lost to another writer reads it to decide which of the two is stale
/// (docs/design.md §3, Fencing).
/// </param>
/// <param name="Released">
/// True for the final checkpoint of a handoff: its owner stopped the partition after writing it, so the next owner
/// claims the ledger without asking it (docs/design.md §3, Fencing).
/// </param>
public sealed record LedgerCheckpoint(
    IReadOnlyDictionary<string, long> Offsets,
    byte[]? StreamState,
    IReadOnlyList<EntityStateRecord> Entities,
    DateTimeOffset WrittenAt,
    string? Owner = null,
    bool Released = false);
