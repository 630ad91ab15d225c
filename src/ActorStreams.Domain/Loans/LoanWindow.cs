namespace ActorStreams.Domain.Loans;

/// <summary>A closed window of a channel or segment: what <c>loan-stats</c>, <c>loan-channels</c> and <c>loan-segments</c> report.</summary>
/// <param name="Key">The aggregate key (<c>channel:web</c>, <c>segment:prime</c>).</param>
/// <param name="WindowStart">The window's start (inclusive).</param>
/// <param name="WindowEnd">The window's end (exclusive).</param>
/// <param name="Aggregate">The merged sums of every loan partition.</param>
public sealed record LoanWindow(string Key, EventTime WindowStart, EventTime WindowEnd, LoanAggregate Aggregate)
{
    /// <summary>The channel or segment name (the key without its prefix).</summary>
    public string Name => Key[(Key.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary>True for a channel (loan-stats and loan-channels), false for a segment (loan-segments).</summary>
    public bool IsChannel => Key.StartsWith(LoanWindowKeys.ChannelPrefix, StringComparison.Ordinal);

    /// <summary><c>metric_id</c> = <c>&lt;channel or segment&gt;:&lt;window_start&gt;</c>.</summary>
    public string MetricId => Name + ":" + WindowStart.ToIsoString();
}
