namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>Signals to a partition's checkpoint gate.</summary>
internal enum GateSignal
{
    /// <summary>The barrier's states are captured: let records through again.</summary>
    Reopen,

    /// <summary>The barrier's checkpoint is written: the next barrier may go.</summary>
    Written,

    /// <summary>Send a final barrier and nothing after it.</summary>
    Final,
}
