using ActorStreams.Warehouse.Lake;
using ActorStreams.Warehouse.Quality;

namespace ActorStreams.Warehouse;

/// <summary>The outcome of loading one hour, as <c>load_log</c> records it.</summary>
/// <param name="Hour">The hour.</param>
/// <param name="Status">Loaded or failed.</param>
/// <param name="Files">The hour's files in the lake.</param>
/// <param name="Rows">Rows loaded, by table (empty when it failed).</param>
/// <param name="Findings">The failed checks (empty when it loaded).</param>
public sealed record HourLoadResult(
    LakeHour Hour, HourLoadStatus Status, IReadOnlyList<LakeFile> Files, IReadOnlyDictionary<string, long> Rows, IReadOnlyList<QualityFinding> Findings)
{
    /// <summary>All rows loaded.</summary>
    public long TotalRows => Rows.Values.Sum();
}
