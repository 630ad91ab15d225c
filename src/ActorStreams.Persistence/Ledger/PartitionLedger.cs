using Akka.Persistence;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Persistence.Ledger;

/// <summary>
/// The ledger of one partition (docs/design.md §3): a persistent actor (<c>customer-partition-&lt;p&gt;</c>,
/// <c>merchant-partition-&lt;m&gt;</c>) whose journal holds one <see cref="LedgerCheckpoint"/> per checkpoint and whose
/// snapshots hold the whole partition every so often. Recovery rebuilds <see cref="Ledger"/>; subclasses resume from
/// it in <see cref="OnRecovered"/> and write checkpoints with <see cref="WriteCheckpoint"/>.
/// </summary>
/// <remarks>
/// Fencing: a second writer of the same ledger (a node that lost the partition but still runs) fails on the journal's
/// unique sequence number, and Akka.Persistence stops an actor whose write failed. Each checkpoint is self-consistent,
/// so whichever writer won, the journal is one valid history. Old events and snapshots are deleted once a newer snapshot
/// is saved.
/// </remarks>
public abstract partial class PartitionLedger : UntypedPersistentActor
{
    private readonly LedgerSettings _settings;
    private readonly ILogger _logger;
    private int _checkpointsSinceSnapshot;
    private long _bytesSinceSnapshot;

    /// <summary>Creates the ledger actor of <paramref name="persistenceId"/>.</summary>
    protected PartitionLedger(string persistenceId, LedgerSettings settings, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(persistenceId);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        PersistenceId = persistenceId;
        _settings = settings;
        _logger = logger;
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>The recovered state with every checkpoint written since applied.</summary>
    protected LedgerState Ledger { get; } = new();

    /// <summary>The sequence number of the last checkpoint (recovered or written); 0 for a new ledger.</summary>
    protected long Sequence => LastSequenceNr;

    /// <summary>True while a checkpoint is being written.</summary>
    protected bool IsWriting { get; private set; }

    /// <summary>Called once, after recovery: <see cref="Ledger"/> holds what the partition resumes from.</summary>
    protected abstract void OnRecovered();

    /// <summary>The subclass's messages (everything but the persistence plumbing).</summary>
    protected abstract void OnLedgerCommand(object message);

    /// <summary>
    /// Writes <paramref name="checkpoint"/> as the ledger's next event without holding back other messages meanwhile;
    /// <paramref name="onWritten"/> runs once it is in the journal (and applied to <see cref="Ledger"/>). If the write
    /// fails the actor stops (Akka.Persistence's rule: a failed write may still have been stored, so only a recovery
    /// knows) and publishes <see cref="LedgerStoreFailed"/>: its partition restarts from the last written checkpoint once
    /// the store answers again.
    /// </summary>
    protected void WriteCheckpoint(LedgerCheckpoint checkpoint, Action<LedgerCheckpoint> onWritten)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(onWritten);
        if (IsWriting)
        {
            throw new InvalidOperationException($"ledger {PersistenceId}: a checkpoint is being written already");
        }

        IsWriting = true;
        PersistAsync(checkpoint, written =>
        {
            IsWriting = false;
            Track(written);
            Ledger.Apply(written);
            SnapshotIfDue();
            onWritten(written);
        });
    }

    /// <inheritdoc />
    protected sealed override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: LedgerSnapshot snapshot }:
                Ledger.Restore(snapshot);
                break;
            case LedgerCheckpoint checkpoint:
                Track(checkpoint);
                Ledger.Apply(checkpoint);
                break;
            case RecoveryCompleted:
                OnRecovered();
                break;
        }
    }

    /// <inheritdoc />
    protected sealed override void OnCommand(object message)
    {
        switch (message)
        {
            case SaveSnapshotSuccess saved:
                // Everything the snapshot covers is history now.
                DeleteMessages(saved.Metadata.SequenceNr);
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure failed:
                LogSnapshotFailed(_logger, failed.Cause, PersistenceId, failed.Metadata.SequenceNr);
                break;
            case DeleteMessagesFailure failed:
                LogCleanupFailed(_logger, failed.Cause, PersistenceId, "events");
                break;
            case DeleteSnapshotsFailure failed:
                LogCleanupFailed(_logger, failed.Cause, PersistenceId, "snapshots");
                break;
            case DeleteMessagesSuccess or DeleteSnapshotsSuccess:
                break;
            default:
                OnLedgerCommand(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        LogWriteFailed(_logger, cause, PersistenceId, sequenceNr);
        IsWriting = false;
        OnWriteFailed(cause);
        Context.System.EventStream.Publish(new LedgerStoreFailed(PersistenceId, cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>The journal rejected a checkpoint (e.g. it could not be serialized): the ledger stops as on a failure, never waits for it.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        LogWriteFailed(_logger, cause, PersistenceId, sequenceNr);
        IsWriting = false;
        OnWriteFailed(cause);
        Context.Stop(Self);
    }

    /// <summary>A checkpoint write failed, was rejected or was fenced off; the actor stops right after this call.</summary>
    protected virtual void OnWriteFailed(Exception cause)
    {
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        LogRecoveryFailed(_logger, reason, PersistenceId);
        Context.System.EventStream.Publish(new LedgerStoreFailed(PersistenceId, reason));
        base.OnRecoveryFailure(reason, message);
    }

    private void Track(LedgerCheckpoint checkpoint)
    {
        _checkpointsSinceSnapshot++;
        foreach (var entity in checkpoint.Entities)
        {
            _bytesSinceSnapshot += entity.State.Length;
        }
    }

    private void SnapshotIfDue()
    {
        var bySize = Ledger.EntityBytes > 0 && _bytesSinceSnapshot > Ledger.EntityBytes * _settings.SnapshotSizeFactor;
        if (_checkpointsSinceSnapshot < _settings.SnapshotEvery && !bySize)
        {
            return;
        }

        _checkpointsSinceSnapshot = 0;
        _bytesSinceSnapshot = 0;
        SaveSnapshot(Ledger.ToSnapshot());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ledger {PersistenceId}: checkpoint {Sequence} could not be written (the store is unavailable, or another node owns the partition now); the partition restarts from the last written one")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string persistenceId, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "ledger {PersistenceId} could not be recovered from the store")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception, string persistenceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ledger {PersistenceId}: snapshot at checkpoint {Sequence} could not be saved; recovery reads more events until the next one")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string persistenceId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ledger {PersistenceId}: deleting old {What} failed; they stay in the store until the next snapshot")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string persistenceId, string what);
}
