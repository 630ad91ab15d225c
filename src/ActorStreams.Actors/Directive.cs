namespace ActorStreams.Actors;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; continue with the next message.</summary>
    Resume,

    /// <summary>Replace the actor instance with a fresh one (state is lost), keeping the mailbox.</summary>
    Restart,

    /// <summary>Stop the actor.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, handing the decision to its parent.</summary>
    Escalate,
}
