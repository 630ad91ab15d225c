using ActorStreams.Cluster.Sharding;

namespace ActorStreams.Cluster.Partitions;

/// <summary>
/// Work for an entity from its partition's consumer: <paramref name="Payload"/> to handle, under the consumer's
/// <paramref name="Epoch"/>. <paramref name="Fresh"/> says that the consumer does not know the entity to be in memory;
/// it then carries the entity's last checkpointed state (<paramref name="State"/>, null for an entity never seen), from
/// which an entity without a state of this epoch starts. The entity answers <see cref="EntityReply"/> or
/// <see cref="EntityRejected"/>.
/// </summary>
public sealed record EntityCommand(string EntityId, long Epoch, long Sequence, bool Fresh, byte[]? State, object Payload) : IEntityMessage;

/// <summary>An entity handled command <paramref name="Sequence"/>; <paramref name="Outcome"/> is what the kind returns for it.</summary>
/// <param name="Sequence">The command's sequence number.</param>
/// <param name="Outcome">The kind's outcome (outputs to produce, a forward), or null.</param>
/// <param name="KeepActive">Whether the entity must stay in memory (e.g. a merchant with open windows).</param>
/// <param name="State">A handle on the entity's state, for the next checkpoint.</param>
public sealed record EntityReply(long Sequence, object? Outcome, bool KeepActive, EntityStateHandle? State);

/// <summary>
/// A handle on an entity's live state, given to its partition's consumer with every reply. The consumer reads it only at
/// a checkpoint barrier, once every command it sent has been answered: the entity is then quiescent (it changes its
/// state only while handling a command), and its replies order the reads after its writes. So a checkpoint captures
/// every changed entity without a message round trip per entity (docs/design.md §3).
/// </summary>
public abstract class EntityStateHandle
{
    /// <summary>Whether the entity must stay in memory and hear its partition's broadcasts.</summary>
    public abstract bool KeepActive { get; }

    /// <summary>The state's versioned serialized form, as the ledger stores it.</summary>
    public abstract byte[] Serialize();
}

/// <summary>
/// An entity refused command <paramref name="Sequence"/>: it came from a consumer that is no longer this partition's
/// current one on this node (a stale epoch), or the entity has no state to apply it to. The consumer stops; the
/// partition restarts from its last checkpoint.
/// </summary>
public sealed record EntityRejected(long Sequence, string EntityId, string Reason);

/// <summary>
/// The consumer lets an entity passivate: its state is in a written checkpoint and nothing is in flight for it. The
/// entity passivates only if it has handled nothing since command <paramref name="LastSequence"/>.
/// </summary>
public sealed record PassivateEntity(string EntityId, long Epoch, long LastSequence) : IEntityMessage;

/// <summary>Describe your state (answered with <see cref="EntityDescription"/>).</summary>
public sealed record DescribeEntity(string EntityId) : IEntityMessage;

/// <summary>An entity's state as JSON, as its kind describes it.</summary>
public sealed record EntityDescription(string EntityId, byte[] Json);

/// <summary>
/// The handoff stop message (the shard region's <c>handOffStopMessage</c>): the partition moves. Its consumer writes a
/// final checkpoint and stops; an entity stops once that consumer is gone, so that no work of the partition is sent to
/// a stopped entity while the final checkpoint is taken.
/// </summary>
public sealed class EntityStop
{
    /// <summary>The instance.</summary>
    public static readonly EntityStop Instance = new();

    private EntityStop()
    {
    }
}

/// <summary>The stop message of passivation: the consumer let the entity go (its state is checkpointed, nothing in flight).</summary>
public sealed class PassivationStop
{
    /// <summary>The instance.</summary>
    public static readonly PassivationStop Instance = new();

    private PassivationStop()
    {
    }
}
