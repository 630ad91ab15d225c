using Akka.Actor;
using Akka.Persistence;

namespace ActorStreams.Persistence.Ledger;

/// <summary>
/// Asks the store whether ledgers can use it again: it recovers a ledger of its own, which never has events, through the
/// same snapshot store and journal (and their circuit breakers) as the partitions' ledgers, tells its parent
/// <see cref="StoreAnswered"/> or <see cref="StoreUnanswered"/>, and stops. It writes nothing.
/// </summary>
public sealed class StoreProbe : UntypedPersistentActor
{
    /// <summary>The persistence id the probe recovers.</summary>
    public const string ProbeId = "actorstreams-store-probe";

    private bool _answered;

    /// <inheritdoc />
    public override string PersistenceId => ProbeId;

    /// <summary>The props of a probe.</summary>
    public static Props Props() => Akka.Actor.Props.Create<StoreProbe>();

    /// <inheritdoc />
    protected override void OnRecover(object message)
    {
        if (message is RecoveryCompleted)
        {
            Answer(StoreAnswered.Instance);
            Context.Stop(Self);
        }
    }

    /// <inheritdoc />
    protected override void OnCommand(object message) => Unhandled(message);

    /// <summary>The parent reports the failure; Akka's own log line with the stack trace would repeat it at every probe.</summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Answer(new StoreUnanswered(reason));
        Context.Stop(Self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Answer(new StoreUnanswered(new ActorStreamsException("the store probe stopped before its recovery finished")));
        base.PostStop();
    }

    private void Answer(IStoreProbeReply reply)
    {
        if (!_answered)
        {
            _answered = true;
            Context.Parent.Tell(reply);
        }
    }
}
