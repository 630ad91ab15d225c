using Akka.Actor;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>
/// How a partition's consumer and its pipeline's stages talk across threads: the router reopens the gate once a
/// barrier's states are captured, the consumer tells the gate that a checkpoint is written or that the final one is
/// due, and the router publishes its stage actor for entity queries. Signals sent before the gate has started are kept.
/// </summary>
internal sealed class PartitionControl
{
    private readonly Lock _gate = new();
    private readonly List<GateSignal> _early = [];
    private Action<GateSignal>? _toGate;
    private volatile IActorRef? _router;

    /// <summary>The router's stage actor, once the router has started.</summary>
    public IActorRef? Router
    {
        get => _router;
        set => _router = value;
    }

    /// <summary>The gate's async callback; signals sent before are delivered now.</summary>
    public void AttachGate(Action<GateSignal> toGate)
    {
        List<GateSignal> early;
        lock (_gate)
        {
            _toGate = toGate;
            early = [.. _early];
            _early.Clear();
        }

        foreach (var signal in early)
        {
            toGate(signal);
        }
    }

    /// <summary>The barrier's entity states are captured: records may flow again.</summary>
    public void Reopen() => Send(GateSignal.Reopen);

    /// <summary>The barrier's checkpoint is in the ledger: the next one may start.</summary>
    public void BarrierWritten() => Send(GateSignal.Written);

    /// <summary>The consumer stops (handoff): one last barrier, then nothing.</summary>
    public void RequestFinal() => Send(GateSignal.Final);

    private void Send(GateSignal signal)
    {
        Action<GateSignal>? toGate;
        lock (_gate)
        {
            toGate = _toGate;
            if (toGate is null)
            {
                _early.Add(signal);
                return;
            }
        }

        toGate(signal);
    }
}
