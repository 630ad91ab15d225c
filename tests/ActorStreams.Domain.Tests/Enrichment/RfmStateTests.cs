using ActorStreams.Domain.Enrichment;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Enrichment;

[Trait("Category", "Unit")]
public sealed class RfmStateTests
{
    private static readonly EventTime Day0 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    private static EventTime Day(double days) => Day0 + TimeSpan.FromDays(days);

    [Fact]
    public void Compute_NoTransactions_IsNone()
    {
        var state = new RfmState(EnrichmentSettings.Default);
        Assert.Equal(RfmFeatures.None, state.Compute(T0));
        Assert.Null(state.Compute(T0).RecencyDays);
    }

    [Fact]
    public void Compute_CountsWholeUtcDaysOfTheWindow()
    {
        var state = new RfmState(EnrichmentSettings.Default);
        state.RecordTransaction(Day(0.5), 10m); // day 0: outside a window ending on day 30
        state.RecordTransaction(Day(1.2), 20m); // day 1: first day of that window
        state.RecordTransaction(Day(30.9), 30m); // day 30, later than the instant: same day counts

        var features = state.Compute(Day(30.25));
        Assert.Equal(2, features.Frequency);
        Assert.Equal(50m, features.Monetary);
        Assert.Equal(0.0, features.RecencyDays);

        // Day 0 left retention when day 30 arrived: an older instant sees only what is retained.
        var earlier = state.Compute(Day(29.5));
        Assert.Equal(1, earlier.Frequency);
        Assert.Equal(20m, earlier.Monetary);
    }

    [Fact]
    public void Compute_RecencyIsFractionalDaysSinceNewestTransaction()
    {
        var state = new RfmState(EnrichmentSettings.Default);
        state.RecordTransaction(Day(2), 1m);
        state.RecordTransaction(Day(1), 1m);
        Assert.Equal(1.5, state.Compute(Day(3.5)).RecencyDays);
    }

    [Fact]
    public void RecordTransaction_KeepsAtMostTheWindowOfDays()
    {
        var state = new RfmState(EnrichmentSettings.Default);
        for (var d = 0; d < 365; d++)
        {
            state.RecordTransaction(Day(d), 1m);
        }

        Assert.Equal(30, state.RetainedDays);
        Assert.Equal(30, state.Compute(Day(364)).Frequency);
    }
}
