using ActorStreams.Persistence.Ledger;
using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Persistence.Tests.Ledger;

/// <summary>A ledger that reports its recovery to a probe and writes the checkpoints it is told to.</summary>
public sealed class TestLedger(string persistenceId, IActorRef probe, LedgerSettings settings)
    : PartitionLedger(persistenceId, settings, NullLogger.Instance)
{
    public static Props Props(string persistenceId, IActorRef probe, LedgerSettings? settings = null) =>
        Akka.Actor.Props.Create(() => new TestLedger(persistenceId, probe, settings ?? LedgerSettings.Default));

    protected override void OnRecovered() =>
        probe.Tell(new Recovered(Sequence, Ledger.ToSnapshot()));

    protected override void OnLedgerCommand(object message)
    {
        if (message is LedgerCheckpoint checkpoint)
        {
            WriteCheckpoint(checkpoint, written => probe.Tell(new Written(Sequence, written)));
        }
    }

    protected override void OnLedgerLost(string reason) => probe.Tell(new Lost(PersistenceId, reason));

    protected override void PostStop() => probe.Tell(new Stopped(PersistenceId));

    public sealed record Recovered(long Sequence, LedgerSnapshot State);

    public sealed record Written(long Sequence, LedgerCheckpoint Checkpoint);

    public sealed record Stopped(string PersistenceId);

    public sealed record Lost(string PersistenceId, string Reason);
}
