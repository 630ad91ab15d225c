namespace ActorStreams.Persistence.Ledger.Internal;

/// <summary>What a checkpoint and a snapshot both hold, as <see cref="LedgerBinary"/> writes and reads it.</summary>
internal readonly record struct LedgerRecord(
    IReadOnlyDictionary<string, long> Offsets,
    byte[]? StreamState,
    IReadOnlyList<EntityStateRecord> Entities,
    DateTimeOffset WrittenAt,
    string? Owner,
    bool Released);
