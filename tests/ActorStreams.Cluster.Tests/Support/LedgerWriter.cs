using ActorStreams.Persistence.Ledger;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Cluster.Tests.Support;

/// <summary>
/// A second writer of a partition's ledger, as a stale or a new owner would be: it recovers the ledger, writes one
/// checkpoint that repeats what it recovered under <paramref name="owner"/>, reports whether it was written or lost to
/// another writer, and stops.
/// </summary>
public sealed class LedgerWriter(string persistenceId, string owner, TaskCompletionSource<bool> written)
    : PartitionLedger(persistenceId, LedgerSettings.Default, NullLogger.Instance)
{
    protected override void OnRecovered() =>
        WriteCheckpoint(
            new LedgerCheckpoint(new Dictionary<string, long>(Ledger.Offsets, StringComparer.Ordinal), Ledger.StreamState, [], DateTimeOffset.UtcNow, owner),
            _ =>
            {
                written.TrySetResult(true);
                Context.Stop(Self);
            });

    protected override void OnLedgerCommand(object message) => Unhandled(message);

    protected override void OnLedgerLost(string reason) => written.TrySetResult(false);

    protected override void PostStop()
    {
        written.TrySetException(new InvalidOperationException($"the writer of {PersistenceId} stopped without writing (store failure?)"));
        base.PostStop();
    }
}
