using ActorStreams.Domain;

namespace ActorStreams.Churn;

/// <summary>What reading a <c>customer-events</c> file found: the counts a report states next to its figures.</summary>
public sealed record CustomerEventFileSummary
{
    /// <summary>Lines read.</summary>
    public required long Lines { get; init; }

    /// <summary>Valid records passed on: the first of each <c>event_id</c>.</summary>
    public required long Events { get; init; }

    /// <summary>Valid records dropped because an earlier line had their <c>event_id</c>.</summary>
    public required long Duplicates { get; init; }

    /// <summary>Lines that are not a valid record (bad timestamps included).</summary>
    public required long BadLines { get; init; }

    /// <summary>Of <see cref="BadLines"/>, those rejected for their timestamp: missing, not ISO-8601, or before 1970.</summary>
    public required long BadTimestamps { get; init; }

    /// <summary>Distinct customers among the events passed on.</summary>
    public required long Customers { get; init; }

    /// <summary>The earliest event time passed on; null without events.</summary>
    public EventTime? FirstEventTime { get; init; }

    /// <summary>The newest event time passed on; null without events.</summary>
    public EventTime? LastEventTime { get; init; }

    /// <summary>The first bad lines (at most <see cref="CustomerEventFile.MaxBadLineSamples"/>) with their numbers and reasons.</summary>
    public required IReadOnlyList<BadLine> BadLineSamples { get; init; }
}
