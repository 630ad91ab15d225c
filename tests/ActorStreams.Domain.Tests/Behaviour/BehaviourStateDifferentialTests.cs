using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Tests.Reference;
using static ActorStreams.Domain.Tests.Behaviour.BehaviourEvents;

namespace ActorStreams.Domain.Tests.Behaviour;

/// <summary>Random seeded streams in time order: the state's features equal <see cref="NaiveBehaviour"/>'s recomputation of the documented definitions.</summary>
[Trait("Category", "Unit")]
public sealed class BehaviourStateDifferentialTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_RandomStream_EqualsNaiveRecomputation(int seed)
    {
        var random = new Random(seed);
        var events = RandomStream(random, random.Next(1, 300));
        var state = new BehaviourState(BehaviourSettings.Default);
        var last = events[^1].Timestamp;
        var checkpoints = new HashSet<int> { events.Count - 1, random.Next(events.Count) };
        for (var i = 0; i < events.Count; i++)
        {
            state.Apply(events[i]);
            if (!checkpoints.Contains(i))
            {
                continue;
            }

            // As of the newest event, just after it, across the gap, and days or months later.
            foreach (var offset in new[] { 0, 1, 29.999, 30, 30.001, 60 * 24 * random.NextDouble() * 120 })
            {
                var asOf = events[i].Timestamp + TimeSpan.FromMinutes(offset);
                AssertEqual(NaiveBehaviour.Compute(events[..(i + 1)], asOf.ToDateTime()), state.Compute(asOf), $"seed {seed}, after {i + 1} events, as of {asOf}");
            }
        }

        Assert.True(state.RetainedDays <= 90);
        Assert.Equal(last, state.LastEventTime);
    }

    private static void AssertEqual(NaiveBehaviour.Expected expected, BehaviourFeatures actual, string context)
    {
        Near(expected.RecencyDays, actual.RecencyDays, "recency_days", context);
        Assert.True(expected.Frequency90d == actual.Frequency90d, $"frequency_90d {actual.Frequency90d} != {expected.Frequency90d} ({context})");
        Assert.True(expected.Monetary90d == actual.Monetary90d, $"monetary_90d {actual.Monetary90d} != {expected.Monetary90d} ({context})");
        Near(expected.TenureDays, actual.TenureDays, "tenure_days", context);
        Near(expected.DaysSinceLastEvent, actual.DaysSinceLastEvent, "days_since_last_event", context);
        Assert.True(expected.Events30d == actual.Events30d, $"events_30d ({context})");
        Assert.True(expected.Events90d == actual.Events90d, $"events_90d ({context})");
        Assert.True(expected.Purchases30d == actual.Purchases30d, $"purchases_30d ({context})");
        Assert.True(expected.Sessions == actual.Sessions, $"sessions {actual.Sessions} != {expected.Sessions} ({context})");
        Near(expected.AvgSessionLengthMinutes, actual.AvgSessionLengthMinutes, "avg_session_length_min", context);
        Near(expected.EventsPerSession, actual.EventsPerSession, "events_per_session", context);
        Near(expected.CartAbandonmentRate, actual.CartAbandonmentRate, "cart_abandonment_rate", context);
        Assert.Equal(expected.TopCategories, actual.TopCategories);
        Near(expected.TopCategoryShare, actual.TopCategoryShare, "top_category_share", context);
        Assert.Equal(expected.DevicePreference, actual.DevicePreference);
        Near(expected.MobileShare, actual.MobileShare, "mobile_share", context);
        Near(expected.DesktopShare, actual.DesktopShare, "desktop_share", context);
        Assert.Equal(expected.HourProfile, actual.HourProfile);
        Assert.Equal(expected.WeekdayProfile, actual.WeekdayProfile);
        Near(expected.WeekendShare, actual.WeekendShare, "weekend_share", context);
        Near(expected.NightShare, actual.NightShare, "night_share", context);
        Near(expected.NoPurchaseSessionEwma, actual.NoPurchaseSessionEwma, "no_purchase_session_ewma", context);
    }

    private static void Near(double expected, double actual, string name, string context) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{name}: {actual} != {expected} ({context})");
}
