namespace ActorStreams.Warehouse.Reports;

/// <summary>A column of a report table.</summary>
/// <param name="Name">Its name, as the query returns it.</param>
/// <param name="Numeric">True for figures (right-aligned).</param>
public sealed record ReportColumn(string Name, bool Numeric);
