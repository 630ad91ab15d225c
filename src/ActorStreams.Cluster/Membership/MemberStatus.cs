namespace ActorStreams.Cluster.Membership;

/// <summary>A member's status in the membership view.</summary>
public enum MemberStatus
{
    /// <summary>Heartbeating and processing its partitions.</summary>
    Up,

    /// <summary>Leaving gracefully: handing its partitions off before its tombstone.</summary>
    Leaving,

    /// <summary>No heartbeat for 3 heartbeat intervals (crashed, hung or cut off).</summary>
    Unreachable,
}
