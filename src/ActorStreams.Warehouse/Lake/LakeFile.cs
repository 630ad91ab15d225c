using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorStreams.Warehouse.Lake;

/// <summary>One Parquet file of the lake.</summary>
/// <param name="Dataset">Its dataset.</param>
/// <param name="Hour">Its hour partition.</param>
/// <param name="RelativePath">Its path under the lake, with <c>/</c>: <c>transactions/dt=2026-11-22/hour=05/part-node-1-3-120.parquet</c>.</param>
/// <param name="Size">Its size in bytes; with the path, what tells whether an hour changed since it was loaded.</param>
public sealed partial record LakeFile(LakeDataset Dataset, LakeHour Hour, string RelativePath, long Size)
{
    /// <summary>The file's name without its folders.</summary>
    public string Name => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    /// <summary>True when the name has the form <c>part-&lt;node&gt;-&lt;partition&gt;-&lt;first offset&gt;.parquet</c>.</summary>
    public bool HasPartName => PartName().IsMatch(Name);

    /// <summary>The line <c>load_log.files</c> holds for the file: its path and size.</summary>
    public string ListingLine => string.Create(CultureInfo.InvariantCulture, $"{RelativePath} {Size}");

    [GeneratedRegex(@"^part-.+-[0-9]+-[0-9]+\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex PartName();
}
