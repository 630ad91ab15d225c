namespace ActorStreams.Warehouse.Reports;

/// <summary>A report: its tables, each with its query.</summary>
/// <param name="Title">The report's heading.</param>
/// <param name="FileStem">The stem of its files: <c>&lt;stem&gt;.md</c> and <c>&lt;stem&gt;-&lt;table&gt;.csv</c>.</param>
/// <param name="Notes">What the figures count, one paragraph.</param>
/// <param name="Tables">Its tables.</param>
public sealed record WarehouseReport(string Title, string FileStem, string Notes, IReadOnlyList<ReportTable> Tables)
{
    /// <summary>The table whose slug is <paramref name="slug"/>.</summary>
    public ReportTable Table(string slug) => Tables.Single(t => t.Slug == slug);
}
