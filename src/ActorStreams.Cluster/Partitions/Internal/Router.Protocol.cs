using ActorStreams.Persistence.Ledger;
using Akka.Actor;

namespace ActorStreams.Cluster.Partitions.Internal;

/// <summary>The consumer asks its router where entity <paramref name="EntityId"/> is (inspection).</summary>
internal sealed record RouterQuery(string EntityId);

/// <summary>The entity's actor when it is in memory, and its last checkpointed state, if any.</summary>
internal sealed record RouterAnswer(IActorRef? Entity, EntityStateRecord? Stored);

/// <summary>Work sent to an entity will never be answered (it was dropped): the pipeline must stop and restart from its checkpoint.</summary>
internal sealed record WorkLost(string Reason);
