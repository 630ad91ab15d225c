namespace ActorStreams.Domain.Loans;

/// <summary>One loan partition's partial aggregate of one window and key, ready to ship.</summary>
/// <param name="Key">The aggregate key (<c>channel:web</c>, <c>segment:prime</c>).</param>
/// <param name="WindowStart">The window's start.</param>
/// <param name="Aggregate">The sums.</param>
public sealed record LoanPartial(string Key, EventTime WindowStart, LoanAggregate Aggregate);
