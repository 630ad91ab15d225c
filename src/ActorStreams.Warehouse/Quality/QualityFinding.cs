using ActorStreams.Warehouse.Lake;

namespace ActorStreams.Warehouse.Quality;

/// <summary>A failed check: which check, where (dataset, hour, file) and what is wrong.</summary>
/// <param name="Check">The check that failed.</param>
/// <param name="Dataset">The dataset (or, for offsets, the source topic's raw dataset).</param>
/// <param name="Hour">The hour whose load it fails.</param>
/// <param name="File">The file's path under the lake, or null when the finding is about several.</param>
/// <param name="Message">What is wrong, with the values.</param>
public sealed record QualityFinding(QualityCheck Check, string Dataset, LakeHour Hour, string? File, string Message)
{
    /// <summary>The check's name as reports and <c>quality_results.check_name</c> show it: <c>null-keys</c>, ….</summary>
    public string CheckName => Check switch
    {
        QualityCheck.Schema => "schema",
        QualityCheck.Offsets => "offsets",
        QualityCheck.NullKeys => "null-keys",
        QualityCheck.DuplicateKeys => "duplicate-keys",
        QualityCheck.AmountBounds => "amount-bounds",
        QualityCheck.EventTime => "event-time",
        _ => Check.ToString(),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{CheckName}: {Dataset} {Hour}{(File is null ? string.Empty : " " + File)}: {Message}";
}
