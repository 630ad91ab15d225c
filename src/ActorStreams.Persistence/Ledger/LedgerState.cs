namespace ActorStreams.Persistence.Ledger;

/// <summary>
/// What a partition ledger knows: a snapshot with every later checkpoint applied. The latest state of each entity,
/// the next offset of each input topic and the stream state — what a new owner of the partition resumes from.
/// </summary>
public sealed class LedgerState
{
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityStateRecord> _entities = new(StringComparer.Ordinal);

    /// <summary>Next offset to read, per input topic.</summary>
    public IReadOnlyDictionary<string, long> Offsets => _offsets;

    /// <summary>The latest state of every entity the partition has checkpointed.</summary>
    public IReadOnlyDictionary<string, EntityStateRecord> Entities => _entities;

    /// <summary>The partition's stream state, or null.</summary>
    public byte[]? StreamState { get; private set; }

    /// <summary>When the last applied checkpoint was taken, or null before any.</summary>
    public DateTimeOffset? WrittenAt { get; private set; }

    /// <summary>The node that wrote the last applied checkpoint, or null when unknown.</summary>
    public string? Owner { get; private set; }

    /// <summary>True when the last applied checkpoint released the partition (the final one of a handoff).</summary>
    public bool Released { get; private set; }

    /// <summary>Serialized bytes of the entity states held, a measure of what a snapshot costs.</summary>
    public long EntityBytes { get; private set; }

    /// <summary>Applies a checkpoint: its offsets and stream state replace the old ones, its entities overwrite theirs.</summary>
    public void Apply(LedgerCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        foreach (var (topic, offset) in checkpoint.Offsets)
        {
            _offsets[topic] = offset;
        }

        StreamState = checkpoint.StreamState ?? StreamState;
        WrittenAt = checkpoint.WrittenAt;
        Owner = checkpoint.Owner ?? Owner;
        Released = checkpoint.Released;
        foreach (var entity in checkpoint.Entities)
        {
            if (_entities.TryGetValue(entity.Id, out var old))
            {
                EntityBytes -= old.State.Length;
            }

            _entities[entity.Id] = entity;
            EntityBytes += entity.State.Length;
        }
    }

    /// <summary>Replaces everything with <paramref name="snapshot"/>.</summary>
    public void Restore(LedgerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _offsets.Clear();
        _entities.Clear();
        EntityBytes = 0;
        Owner = null;
        Apply(new LedgerCheckpoint(snapshot.Offsets, snapshot.StreamState, snapshot.Entities, snapshot.WrittenAt, snapshot.Owner, snapshot.Released));
        StreamState = snapshot.StreamState;
    }

    /// <summary>The whole state as a snapshot.</summary>
    public LedgerSnapshot ToSnapshot() =>
        new(new Dictionary<string, long>(_offsets, StringComparer.Ordinal), StreamState, [.. _entities.Values], WrittenAt ?? DateTimeOffset.UnixEpoch, Owner, Released);
}
