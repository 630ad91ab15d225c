namespace ActorStreams.Persistence.Ledger;

/// <summary>A partition ledger's whole state at one checkpoint: offsets, stream state and every entity's state.</summary>
/// <param name="Offsets">Next offset to read, per input topic.</param>
/// <param name="StreamState">The partition's stream state, or null.</param>
/// <param name="Entities">Every entity of the partition the ledger knows.</param>
/// <param name="WrittenAt">When the checkpoint it captures was taken.</param>
/// <param name="Owner">The node that wrote the checkpoint it captures, or null when unknown.</param>
/// <param name="Released">True when the checkpoint it captures released the partition (the final one of a handoff).</param>
public sealed record LedgerSnapshot(
    IReadOnlyDictionary<string, long> Offsets,
    byte[]? StreamState,
    IReadOnlyList<EntityStateRecord> Entities,
    DateTimeOffset WrittenAt,
    string? Owner = null,
    bool Released = false);
