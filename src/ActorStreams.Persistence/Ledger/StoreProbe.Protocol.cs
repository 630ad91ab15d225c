namespace ActorStreams.Persistence.Ledger;

/// <summary>What a <see cref="StoreProbe"/> tells its parent.</summary>
public interface IStoreProbeReply;

/// <summary>The store answered: a ledger's recovery (snapshot store and journal) read through.</summary>
public sealed record StoreAnswered : IStoreProbeReply
{
    /// <summary>The one instance.</summary>
    public static StoreAnswered Instance { get; } = new();
}

/// <summary>The store did not answer; <paramref name="Cause"/> says why.</summary>
public sealed record StoreUnanswered(Exception Cause) : IStoreProbeReply;
