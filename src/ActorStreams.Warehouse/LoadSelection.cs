using ActorStreams.Warehouse.Lake;

namespace ActorStreams.Warehouse;

/// <summary>Which hours a load takes: one hour, every hour since an instant, or (neither) every hour not loaded yet or changed since.</summary>
/// <param name="Hour">The one hour to (re)load, or null.</param>
/// <param name="Since">Reload every hour of the lake that ends after this instant, or null.</param>
public sealed record LoadSelection(LakeHour? Hour = null, DateTimeOffset? Since = null)
{
    /// <summary>Every hour of the lake that is not loaded yet or whose files changed since its last load.</summary>
    public static LoadSelection Pending { get; } = new();
}
