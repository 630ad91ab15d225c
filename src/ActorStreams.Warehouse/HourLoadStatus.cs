namespace ActorStreams.Warehouse;

/// <summary>How loading one hour ended.</summary>
public enum HourLoadStatus
{
    /// <summary>The checks passed and the hour's rows replaced what the warehouse held for it.</summary>
    Loaded,

    /// <summary>A check failed: nothing of the hour was replaced.</summary>
    Failed,
}
