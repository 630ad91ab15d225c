namespace ActorStreams.Actors;

/// <summary>Set messages aside and replay them later (for example after initialisation completes).</summary>
public interface IStash
{
    /// <summary>Number of stashed messages.</summary>
    int Count { get; }

    /// <summary>Stashes the message being processed, with its sender.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message at the front of the mailbox.</summary>
    bool Unstash();

    /// <summary>Puts every stashed message at the front of the mailbox, in stash order.</summary>
    void UnstashAll();
}
