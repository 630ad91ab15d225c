using Akka.Actor;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// Why a node shut itself down: another node, still a member of the cluster as this node sees it, wrote a partition's
/// ledger after this node did — the rest of the cluster removed this node (it was frozen or cut off) and took its
/// partitions over (docs/design.md §3, Fencing). It stops rather than run any partition again.
/// </summary>
/// <param name="Ledger">The ledger that showed it.</param>
/// <param name="Owner">The node that owns it now.</param>
public sealed class PartitionTakenOver(string Ledger, string Owner) : CoordinatedShutdown.Reason
{
    /// <summary>The ledger that showed it.</summary>
    public string Ledger { get; } = Ledger;

    /// <summary>The node that owns it now.</summary>
    public string Owner { get; } = Owner;

    /// <inheritdoc />
    public override int ExitCode => 1;

    /// <inheritdoc />
    public override string ToString() => $"{Ledger} was taken over by {Owner}: the cluster removed this node";
}
