using ActorStreams.Persistence.Ledger.Internal;
using Akka.Actor;
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
/// Fencing (docs/design.md §3): before each write the ledger reads the journal's highest sequence number and writes only
/// if it is still its own last one; a second writer that slips in between fails on the journal's unique sequence number.
/// Either way the ledger has lost to another writer (a node that owns the partition now, or a stale one): it stops
/// without writing and tells <see cref="OnLedgerLost"/>, and whoever starts the partition again decides which writer is
/// stale. The read is needed besides the unique key because the journal deletes the events below each new snapshot, and
/// a sequence number that is no longer stored does not conflict. Each checkpoint is self-consistent, so whichever writer
/// won, the journal is one valid history.
/// </remarks>
public abstract partial class PartitionLedger : UntypedPersistentActor
{
    /// <summary>How long the ledger waits for the journal's highest sequence number (the journal's own circuit breaker usually answers first).</summary>
    private static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(60);

    private readonly LedgerSettings _settings;
    private readonly ILogger _logger;
    private int _checkpointsSinceSnapshot;
    private long _bytesSinceSnapshot;
    private PendingWrite? _pending;

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
    /// <paramref name="onWritten"/> runs once it is in the journal (and applied to <see cref="Ledger"/>). The write
    /// happens only if the journal's highest sequence number is still this ledger's last one; otherwise, or if the
    /// journal refuses the sequence number, another writer has written since and the actor stops through
    /// <see cref="OnLedgerLost"/>. If the store fails the actor stops (Akka.Persistence's rule: a failed write may still
    /// have been stored, so only a recovery knows) and publishes <see cref="LedgerStoreFailed"/>: its partition restarts
    /// from the last written checkpoint once the store answers again.
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
        var expected = LastSequenceNr;
        _pending = new PendingWrite(checkpoint, onWritten, expected);

        // The highest sequence number alone: a replay up to 0 reads no event (and from 1, the plugins read the whole maximum).
        var journal = Akka.Persistence.Persistence.Instance.Apply(Context.System).JournalFor(JournalPluginId);
        var persistenceId = PersistenceId;
        journal.Ask<object>(replyTo => new ReplayMessages(1, 0, 0, persistenceId, replyTo), VerifyTimeout, CancellationToken.None)
            .PipeTo(Self, Self, reply => new HighestRead(expected, reply), error => new HighestRead(expected, new ReplayMessagesFailure(error)));
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
            case HighestRead read:
                OnHighestRead(read);
                break;
            default:
                OnLedgerCommand(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        if (WriteConflict.IsConflict(cause))
        {
            Lose($"the journal already holds sequence number {sequenceNr}");
            return;
        }

        StoreFailed(cause, sequenceNr);
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

    /// <summary>
    /// Another writer wrote this ledger after this actor's last write (<paramref name="reason"/> says how it showed); the
    /// actor stops right after this call, without having written. Which of the two writers is stale only the caller
    /// knows (docs/design.md §3, Fencing).
    /// </summary>
    protected virtual void OnLedgerLost(string reason)
    {
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        LogRecoveryFailed(_logger, reason, PersistenceId);
        Context.System.EventStream.Publish(new LedgerStoreFailed(PersistenceId, reason));
        base.OnRecoveryFailure(reason, message);
    }

    private void OnHighestRead(HighestRead read)
    {
        if (_pending is not { } pending || pending.Expected != read.Expected)
        {
            return;
        }

        switch (read.Reply)
        {
            case RecoverySuccess { HighestSequenceNr: var highest } when highest == pending.Expected:
                _pending = null;
                PersistAsync(pending.Checkpoint, written =>
                {
                    IsWriting = false;
                    Track(written);
                    Ledger.Apply(written);
                    SnapshotIfDue();
                    pending.OnWritten(written);
                });
                break;
            case RecoverySuccess { HighestSequenceNr: var highest }:
                Lose($"the journal holds sequence number {highest}, this ledger last wrote {pending.Expected}");
                break;
            case ReplayMessagesFailure failure:
                StoreFailed(failure.Cause, pending.Expected + 1);
                Context.Stop(Self);
                break;
            default:
                StoreFailed(new ActorStreamsException($"the journal answered {read.Reply.GetType().Name} when asked for its highest sequence number"), pending.Expected + 1);
                Context.Stop(Self);
                break;
        }
    }

    private void Lose(string reason)
    {
        _pending = null;
        IsWriting = false;
        LogLost(_logger, PersistenceId, reason);
        OnWriteFailed(new ActorStreamsException($"ledger {PersistenceId}: another writer wrote it ({reason})"));
        OnLedgerLost(reason);
        Context.Stop(Self);
    }

    private void StoreFailed(Exception cause, long sequence)
    {
        _pending = null;
        LogWriteFailed(_logger, cause, PersistenceId, sequence);
        IsWriting = false;
        OnWriteFailed(cause);
        Context.System.EventStream.Publish(new LedgerStoreFailed(PersistenceId, cause));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "ledger {PersistenceId}: checkpoint {Sequence} could not be written (the store is unavailable); the partition restarts from the last written one")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string persistenceId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ledger {PersistenceId} lost to another writer ({Reason}); it stops without writing")]
    private static partial void LogLost(ILogger logger, string persistenceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "ledger {PersistenceId} could not be recovered from the store")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception, string persistenceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ledger {PersistenceId}: snapshot at checkpoint {Sequence} could not be saved; recovery reads more events until the next one")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string persistenceId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ledger {PersistenceId}: deleting old {What} failed; they stay in the store until the next snapshot")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string persistenceId, string what);

    /// <summary>A checkpoint waiting for the journal's highest sequence number.</summary>
    private sealed record PendingWrite(LedgerCheckpoint Checkpoint, Action<LedgerCheckpoint> OnWritten, long Expected);

    /// <summary>The journal's answer (or failure) to the highest-sequence-number read made before writing after <paramref name="Expected"/>.</summary>
    private sealed record HighestRead(long Expected, object Reply);
}
