namespace ActorStreams.Persistence.Ledger;

/// <summary>One entity's state as a ledger holds it: its id, its serialized state, and whether it must stay in memory.</summary>
/// <param name="Id">The entity id (the Kafka key's string form).</param>
/// <param name="State">The state, as the entity kind serializes it.</param>
/// <param name="KeepActive">
/// True while the entity must not be passivated and must hear the partition's broadcasts even when not in memory
/// (a merchant with open windows); recorded so that a new owner knows it after recovery.
/// </param>
public sealed record EntityStateRecord(string Id, byte[] State, bool KeepActive);
