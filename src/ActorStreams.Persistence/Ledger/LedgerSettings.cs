namespace ActorStreams.Persistence.Ledger;

/// <summary>How a partition ledger snapshots (<c>actorstreams.store.snapshot-*</c>).</summary>
public sealed record LedgerSettings
{
    /// <summary>The defaults (equal to reference.conf).</summary>
    public static LedgerSettings Default { get; } = new();

    /// <summary><c>snapshot-every</c>: checkpoints after which the ledger snapshots the partition's whole state.</summary>
    public int SnapshotEvery { get; init; } = 100;

    /// <summary>
    /// <c>snapshot-size-factor</c>: the ledger also snapshots once the checkpoints written since the last snapshot hold
    /// this many times the bytes of the partition's whole state, so recovery reads at most about (1 + factor) times the state.
    /// </summary>
    public double SnapshotSizeFactor { get; init; } = 10;
}
