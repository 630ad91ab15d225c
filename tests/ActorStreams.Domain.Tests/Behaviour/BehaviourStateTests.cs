using System.Buffers;
using ActorStreams.Domain.Behaviour;
using static ActorStreams.Domain.Tests.Behaviour.BehaviourEvents;

namespace ActorStreams.Domain.Tests.Behaviour;

[Trait("Category", "Unit")]
public sealed class BehaviourStateTests
{
    [Fact]
    public void Compute_NoEvents_IsAllZero()
    {
        var features = new BehaviourState(BehaviourSettings.Default).Compute(Monday);

        var vector = new float[BehaviourFeatures.VectorLength];
        features.WriteVector(vector);
        Assert.All(vector, v => Assert.Equal(0f, v));
        Assert.Empty(features.TopCategories);
        Assert.Null(features.DevicePreference);
        Assert.Equal(new long[24], features.HourProfile);
    }

    [Fact]
    public void Apply_ExactlyTheGapApart_JoinsTheSession()
    {
        var features = StateOf(Event(Minutes(0)), Event(Minutes(30))).Compute(Minutes(30));

        Assert.Equal(1, features.Sessions);
        Assert.Equal(30, features.AvgSessionLengthMinutes, 9);
        Assert.Equal(2, features.EventsPerSession);
    }

    [Fact]
    public void Apply_GapPlusOneMillisecond_StartsANewSession()
    {
        var features = StateOf(Event(Minutes(0)), Event(Minutes(30) + TimeSpan.FromMilliseconds(1))).Compute(Minutes(31));

        Assert.Equal(2, features.Sessions);
        Assert.Equal(0, features.AvgSessionLengthMinutes);
        Assert.Equal(1, features.EventsPerSession);
    }

    [Fact]
    public void Apply_LateEvent_JoinsTheCurrentSessionAndStretchesIt()
    {
        // 10:00 opens a session; 09:00 arrives later, more than the gap before its start: it joins, no new session.
        var state = StateOf(Event(Minutes(600)), Event(Minutes(540)));

        var features = state.Compute(Minutes(601));
        Assert.Equal(1, features.Sessions);
        Assert.Equal(60, features.AvgSessionLengthMinutes, 9);
        Assert.Equal(Minutes(540), state.FirstEventTime);

        // The session now ends at 10:00: 10:30 still joins it, 10:30 and a millisecond would not.
        state.Apply(Event(Minutes(630)));
        Assert.Equal(1, state.Compute(Minutes(630)).Sessions);
    }

    [Fact]
    public void Compute_CartAbandonment_CountsTheCurrentSessionOnlyOnceItHasEnded()
    {
        var state = StateOf(
            Event(Minutes(0), CustomerEventType.AddToCart),
            Purchase(Minutes(1)),
            Event(Minutes(100), CustomerEventType.AddToCart),
            Event(Minutes(200)),
            Event(Minutes(300), CustomerEventType.AddToCart));

        // Ended: the first (cart, purchase), the second (cart, no purchase), the third (no cart); the fourth is current.
        Assert.Equal(0.5, state.Compute(Minutes(330)).CartAbandonmentRate);
        Assert.Equal(2.0 / 3, state.Compute(Minutes(330) + TimeSpan.FromTicks(1)).CartAbandonmentRate, 12);
    }

    [Fact]
    public void Compute_NoCartInAnyEndedSession_IsZero()
    {
        var state = StateOf(Event(Minutes(0)), Event(Minutes(100), CustomerEventType.AddToCart));

        Assert.Equal(0, state.Compute(Minutes(101)).CartAbandonmentRate);
    }

    [Fact]
    public void Compute_NoPurchaseInTheWindow_GivesZeroFrequencyAndMonetary()
    {
        var state = StateOf(Purchase(Days(0), 99m), Event(Days(100)));

        var features = state.Compute(Days(100));
        Assert.Equal(0, features.Frequency90d);
        Assert.Equal(0m, features.Monetary90d);
        Assert.Equal(0, features.Purchases30d);
        Assert.Equal(1, features.Events90d);
        Assert.Equal(100, features.RecencyDays, 9);
    }

    [Fact]
    public void Compute_WindowsAreWholeUtcDaysEndingOnTheDayOfAsOf()
    {
        // As of day 89 at 00:00:01: the 90-day window is days 0..89, the 30-day window days 60..89.
        var asOf = Days(89) + TimeSpan.FromSeconds(1);
        var state = StateOf(
            Purchase(Days(0) - TimeSpan.FromMilliseconds(1), 1m), // 23:59:59.999 of day −1: outside
            Purchase(Days(0), 2m, 2), // 00:00 of day 0: inside
            Purchase(Days(60) - TimeSpan.FromMilliseconds(1), 4m), // day 59: only the long window
            Event(Days(60)), // day 60: both
            Purchase(Days(89) + TimeSpan.FromHours(23), 8m)); // later on the day of asOf: counts too

        var features = state.Compute(asOf);
        Assert.Equal(3, features.Frequency90d);
        Assert.Equal((2m * 2) + 4m + 8m, features.Monetary90d);
        Assert.Equal(4, features.Events90d);
        Assert.Equal(2, features.Events30d);
        Assert.Equal(1, features.Purchases30d);
    }

    [Fact]
    public void Compute_AsOfBeforeAtAndAfterTheEvents_ClampsDurationsAtZero()
    {
        var state = StateOf(Event(Days(1)), Purchase(Days(2)), Event(Days(3)));

        var before = state.Compute(Days(0));
        Assert.Equal((0.0, 0.0, 0.0), (before.TenureDays, before.RecencyDays, before.DaysSinceLastEvent));
        var at = state.Compute(Days(3));
        Assert.Equal((2.0, 1.0, 0.0), (at.TenureDays, at.RecencyDays, at.DaysSinceLastEvent));
        var after = state.Compute(Days(4.5));
        Assert.Equal((3.5, 2.5, 1.5), (after.TenureDays, after.RecencyDays, after.DaysSinceLastEvent));
    }

    [Fact]
    public void Compute_NoPurchaseEver_RecencyIsTheTenure()
    {
        var features = StateOf(Event(Days(1)), Event(Days(2))).Compute(Days(7.25));

        Assert.Equal(6.25, features.TenureDays, 12);
        Assert.Equal(features.TenureDays, features.RecencyDays);
        Assert.Equal(1, features.NoPurchaseSessionEwma);
    }

    [Fact]
    public void Compute_ProfilesAreUtcHoursAndMondayFirstWeekdays()
    {
        var parser = new CustomerEventParser();
        // Saturday 01:30 at +02:00 is Friday 23:30 UTC: no weekend, no night.
        var local = Parse(parser, "2026-01-10T01:30:00+02:00");
        // Sunday 03:00 at -05:00 is Sunday 08:00 UTC: weekend, not night.
        var western = Parse(parser, "2026-01-11T03:00:00-05:00");
        // Monday 05:59:59.999Z: night.
        var night = Parse(parser, "2026-01-12T05:59:59.999Z");

        var features = StateOf(local, western, night).Compute(night.Timestamp);

        Assert.Equal(EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 9, 23, 30, 0, TimeSpan.Zero)), local.Timestamp);
        Assert.Equal(1, features.HourProfile[23]);
        Assert.Equal(1, features.HourProfile[8]);
        Assert.Equal(1, features.HourProfile[5]);
        Assert.Equal([1L, 0, 0, 0, 1, 0, 1], features.WeekdayProfile);
        Assert.Equal(1.0 / 3, features.WeekendShare, 12);
        Assert.Equal(1.0 / 3, features.NightShare, 12);
    }

    [Fact]
    public void Compute_CategoriesAndDevices_RankByCountThenOrdinalName()
    {
        var state = StateOf(
            Event(Minutes(0), category: "b", device: "tablet"),
            Event(Minutes(1), category: "a", device: "desktop"),
            Event(Minutes(2), category: "c", device: "tablet"),
            Event(Minutes(3), category: "c", device: "desktop"),
            Event(Minutes(4), category: "b", device: "Mobile"));

        var features = state.Compute(Minutes(5));
        Assert.Equal([new("b", 2), new("c", 2), new CategoryCount("a", 1)], features.TopCategories);
        Assert.Equal(0.4, features.TopCategoryShare, 12);
        Assert.Equal("desktop", features.DevicePreference);
        Assert.Equal(0.4, features.DesktopShare, 12);
        Assert.Equal(0, features.MobileShare); // device names are compared exactly: "Mobile" is not "mobile"
    }

    [Fact]
    public void Apply_MoreCategoriesThanTheCap_CountsLaterOnesAsOtherOnly()
    {
        var settings = BehaviourSettings.Default with { MaxTrackedValues = 3, TopCategories = 3 };
        var events = new List<CustomerEvent>();
        var minute = 0;
        foreach (var (category, times) in new[] { ("k1", 1), ("k2", 1), ("k3", 2), ("late-big", 5), ("late-small", 1) })
        {
            for (var i = 0; i < times; i++)
            {
                events.Add(Event(Minutes(minute++), category: category, device: "d" + category));
            }
        }

        var features = StateOf(settings, [.. events]).Compute(Minutes(minute));

        Assert.Equal([new("k3", 2), new("k1", 1), new CategoryCount("k2", 1)], features.TopCategories);
        Assert.Equal(2.0 / 10, features.TopCategoryShare, 12); // the untracked events still count in the total
        Assert.Equal("dk3", features.DevicePreference); // "dlate-big" has the most events but came after the cap
        Assert.Equal(10, features.HourProfile.Sum());
    }

    [Fact]
    public void Compute_NoPurchaseSessionEwma_WeighsSessionsInOrder()
    {
        // Sessions: no purchase, purchase, no purchase (current) → 1, 0.3·0 + 0.7·1 = 0.7, 0.3·1 + 0.7·0.7 = 0.79.
        var state = StateOf(Event(Minutes(0)), Purchase(Minutes(100)), Event(Minutes(200)));
        Assert.Equal(0.79, state.Compute(Minutes(200)).NoPurchaseSessionEwma, 12);

        // A purchase later in the current session changes its signal.
        state.Apply(Purchase(Minutes(210)));
        Assert.Equal(0.49, state.Compute(Minutes(210)).NoPurchaseSessionEwma, 12);
    }

    [Fact]
    public void WriteVector_StateAndFeatures_WriteTheSameNumbersInFeatureNameOrder()
    {
        var random = new Random(7);
        var state = StateOf([.. RandomStream(random, 200)]);
        var asOf = state.LastEventTime!.Value + TimeSpan.FromDays(3);
        var features = state.Compute(asOf);

        var fromFeatures = new float[BehaviourFeatures.VectorLength];
        var fromState = new float[BehaviourFeatures.VectorLength + 2];
        features.WriteVector(fromFeatures);
        state.WriteVector(asOf, fromState);

        Assert.Equal(fromFeatures, fromState[..BehaviourFeatures.VectorLength]);
        Assert.Equal(BehaviourFeatures.VectorLength, BehaviourFeatures.FeatureNames.Count);
        Assert.Equal(BehaviourFeatures.VectorLength, BehaviourFeatures.FeatureNames.Distinct().Count());
        Assert.Equal((float)features.RecencyDays, fromFeatures[Index("recency_days")]);
        Assert.Equal((float)features.Monetary90d, fromFeatures[Index("monetary_90d")]);
        Assert.Equal((float)features.CartAbandonmentRate, fromFeatures[Index("cart_abandonment_rate")]);
        Assert.Equal((float)features.NoPurchaseSessionEwma, fromFeatures[Index("no_purchase_session_ewma")]);
        var error = Assert.Throws<ArgumentException>(() => state.WriteVector(asOf, new float[3]));
        Assert.Contains("needs 18 elements, got 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_YearsOfEvents_RetainsAtMostTheWindowOfDays()
    {
        var state = new BehaviourState(BehaviourSettings.Default);
        for (var d = 0; d < 400; d++)
        {
            state.Apply(Purchase(Days(d)));
        }

        Assert.Equal(90, state.RetainedDays);
        Assert.Equal(90, state.Compute(Days(399)).Frequency90d);
        Assert.Equal(400, state.EventCount);
    }

    [Fact]
    public void Snapshot_RoundTrip_IsByteIdenticalAndComputesTheSame()
    {
        var state = StateOf([.. RandomStream(new Random(11), 300)]);
        var asOf = state.LastEventTime!.Value + TimeSpan.FromMinutes(45);

        var bytes = Snapshot(state);
        var restored = BehaviourState.Read(bytes, BehaviourSettings.Default);

        Assert.Equal(BehaviourState.SnapshotVersion, bytes[0]);
        Assert.Equal(bytes, Snapshot(restored));
        Assert.Equal(Vector(state, asOf), Vector(restored, asOf));
        Assert.Equal(state.Compute(asOf).TopCategories, restored.Compute(asOf).TopCategories);
        Assert.Equal(state.Compute(asOf).WeekdayProfile, restored.Compute(asOf).WeekdayProfile);

        // Applying more after the restore goes on exactly as without it.
        var more = Purchase(asOf, 5m);
        state.Apply(more);
        restored.Apply(more);
        Assert.Equal(Snapshot(state), Snapshot(restored));
    }

    [Fact]
    public void Snapshot_NarrowerSettingsOnRestore_DropOldDaysAndMoveExtraValuesToOther()
    {
        var state = StateOf(
            Event(Days(0), category: "a"), Event(Days(10), category: "b"), Event(Days(20), category: "c"), Purchase(Days(40), category: "c"));

        var restored = BehaviourState.Read(Snapshot(state), BehaviourSettings.Default with { WindowDays = 30, ShortWindowDays = 30, MaxTrackedValues = 2, TopCategories = 2 });

        var features = restored.Compute(Days(40));
        Assert.Equal(2, restored.RetainedDays);
        Assert.Equal(2, features.Events90d); // now a 30-day window: days 11..40
        Assert.Equal([new("a", 1), new CategoryCount("b", 1)], features.TopCategories);
        Assert.Equal(0.25, features.TopCategoryShare);
    }

    [Fact]
    public void Read_CorruptSnapshot_FailsWithTheStateNamed()
    {
        var bytes = Snapshot(StateOf(Event(Days(0))));
        bytes[8] = 0x80; // the top byte of the event count: negative

        var error = Assert.Throws<InvalidDataException>(() => BehaviourState.Read(bytes, BehaviourSettings.Default));
        Assert.StartsWith("BehaviourState snapshot is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => BehaviourState.Read(bytes.AsSpan(0, 20), BehaviourSettings.Default));
    }

    [Theory]
    [InlineData("SessionGap")]
    [InlineData("WindowDays")]
    [InlineData("ShortWindowDays")]
    [InlineData("TopCategories")]
    [InlineData("MaxTrackedValues")]
    [InlineData("SessionEwmaAlpha")]
    public void Settings_InvalidValue_NamesTheProperty(string property)
    {
        var settings = property switch
        {
            "SessionGap" => BehaviourSettings.Default with { SessionGap = TimeSpan.Zero },
            "WindowDays" => BehaviourSettings.Default with { WindowDays = 0 },
            "ShortWindowDays" => BehaviourSettings.Default with { ShortWindowDays = 91 },
            "TopCategories" => BehaviourSettings.Default with { TopCategories = 65 },
            "MaxTrackedValues" => BehaviourSettings.Default with { MaxTrackedValues = 0 },
            _ => BehaviourSettings.Default with { SessionEwmaAlpha = 0 },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BehaviourState(settings));
        Assert.Equal(property, error.ParamName);
    }

    private static CustomerEvent Parse(CustomerEventParser parser, string timestamp)
    {
        var json = $$"""{"event_id":"{{timestamp}}","customer_id":1,"session_id":"s","timestamp":"{{timestamp}}","type":"view","product_id":"p","category":"c","price":1,"quantity":1,"device":"mobile"}""";
        Assert.True(parser.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out var value, out var error, out _), error);
        return value;
    }

    private static int Index(string name) => BehaviourFeatures.FeatureNames.ToList().IndexOf(name);

    private static byte[] Snapshot(BehaviourState state)
    {
        var buffer = new ArrayBufferWriter<byte>();
        state.Write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static float[] Vector(BehaviourState state, EventTime asOf)
    {
        var vector = new float[BehaviourFeatures.VectorLength];
        state.WriteVector(asOf, vector);
        return vector;
    }
}
