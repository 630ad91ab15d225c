using ActorStreams.Domain;

namespace ActorStreams.Churn;

/// <summary>A built behaviour report.</summary>
/// <param name="Markdown">The report.</param>
/// <param name="AsOf">The instant it describes.</param>
/// <param name="Segments">The churn-risk segments with their customer counts, in the report's order.</param>
public sealed record BehaviourReportResult(string Markdown, EventTime AsOf, IReadOnlyList<BehaviourSegmentCount> Segments);
