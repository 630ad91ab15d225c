namespace ActorStreams.Warehouse;

/// <summary>What a load did.</summary>
/// <param name="Hours">Each hour it took, in order.</param>
/// <param name="Unchanged">Hours of the lake it left because they were loaded with the same files.</param>
public sealed record WarehouseLoadResult(IReadOnlyList<HourLoadResult> Hours, int Unchanged)
{
    /// <summary>True when no hour failed.</summary>
    public bool Succeeded => Hours.All(h => h.Status == HourLoadStatus.Loaded);
}
