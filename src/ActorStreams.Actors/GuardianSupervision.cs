namespace ActorStreams.Actors;

/// <summary>What the user guardian does when a top-level actor (created with <c>ActorSystem.ActorOf</c>) fails.</summary>
public enum GuardianSupervision
{
    /// <summary>The system's default strategy: restart within the retry limits.</summary>
    Restart,

    /// <summary>Stop the failed top-level actor.</summary>
    Stop,

    /// <summary>Escalate to the root guardian, which stops the whole user tree and terminates the system (fail fast).</summary>
    Escalate,
}
