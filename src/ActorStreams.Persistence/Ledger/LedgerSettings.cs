namespace ActorStreams.Persistence.Ledger;

/// <summary>How a partition ledger snapshots (<c>actorstreams.store.snapshot-*</c>), and how a node retries a store it cannot use (<c>actorstreams.store.retry-*</c>).</summary>
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

    /// <summary>
    /// <c>retry-min-backoff</c>: after a ledger could not write or read the store, the node's partitions pause and the
    /// store is probed again after this long, then after twice as long each time, up to <see cref="RetryMaxBackoff"/>.
    /// </summary>
    public TimeSpan RetryMinBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>retry-max-backoff</c>: the longest wait between two probes of an unavailable store.</summary>
    public TimeSpan RetryMaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before probe number <paramref name="attempt"/> (1 for the first retry) of an unavailable store.</summary>
    public TimeSpan RetryBackoff(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min(RetryMinBackoff.Ticks * Math.Pow(2, doublings), RetryMaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
