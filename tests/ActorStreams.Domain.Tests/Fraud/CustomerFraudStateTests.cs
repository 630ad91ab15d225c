using ActorStreams.Domain.Events;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Internal;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Fraud;

[Trait("Category", "Unit")]
public sealed class CustomerFraudStateTests
{
    private static readonly EventTime DetectedAt = At(100_000);

    private readonly List<FraudAlert> _alerts = [];

    private static CustomerFraudState NewState(FraudRuleSettings? settings = null) => new(settings ?? FraudRuleSettings.Default);

    private List<string> Apply(CustomerFraudState state, Transaction tx)
    {
        _alerts.Clear();
        state.Apply(tx, DetectedAt, _alerts);
        return _alerts.Select(a => a.Rule).ToList();
    }

    // HIGH_AMOUNT

    [Fact]
    public void HighAmount_ExactlyThreshold_DoesNotFire()
    {
        var state = NewState();
        Assert.DoesNotContain(FraudRules.HighAmount, Apply(state, Tx("t1", At(0), 2000.00m)));
    }

    [Fact]
    public void HighAmount_OneCentOver_FiresWithAlertFields()
    {
        var state = NewState();
        var tx = Tx("t1", At(0), 2000.01m, customer: 7, merchant: "m-9", category: "travel");
        var evaluation = state.Apply(tx, DetectedAt, _alerts);

        // VELOCITY fires too: the transaction alone exceeds 1000.00 in its window.
        var alert = Assert.Single(_alerts, a => a.Rule == FraudRules.HighAmount);
        Assert.Equal("t1:HIGH_AMOUNT", alert.AlertId);
        Assert.Equal(FraudRules.HighAmount, alert.Rule);
        Assert.Equal(7, alert.CustomerId);
        Assert.Equal("t1", alert.TransactionId);
        Assert.Equal("m-9", alert.MerchantId);
        Assert.Equal("travel", alert.MerchantCategory);
        Assert.Equal(2000.01m, alert.Amount);
        Assert.Equal(At(0), alert.EventTime);
        Assert.Equal(DetectedAt, alert.DetectedAt);
        Assert.Equal(FraudSeverities.High, alert.Severity);
        Assert.Equal(2000.00m, alert.Details.Threshold);
        Assert.Null(alert.Details.Late);
        Assert.Null(alert.Location);
        Assert.Equal(FraudRuleSet.HighAmount | FraudRuleSet.Velocity, evaluation.Fired);
        Assert.True(evaluation.AnyFired);
        Assert.False(evaluation.IsLate);
    }

    [Fact]
    public void Alert_OfATransactionWithCoordinates_CarriesThemAsItsLocation()
    {
        var state = NewState();
        state.Apply(Tx("t1", At(0), 2500m, lat: 52.52, lon: 13.405), DetectedAt, _alerts);

        Assert.All(_alerts, a => Assert.Equal(new GeoLocation(52.52, 13.405), a.Location));
        Assert.NotEmpty(_alerts);
    }

    // RAPID_FIRE

    [Fact]
    public void RapidFire_ThirdExactlyFiveSecondsAfterFirst_Fires()
    {
        var state = NewState();
        Assert.Empty(Apply(state, Tx("t1", At(0))));
        Assert.Empty(Apply(state, Tx("t2", At(2.5))));
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("t3", At(5))));
        Assert.Equal(3, _alerts[0].Details.Count);
        Assert.Equal(5, _alerts[0].Details.WindowSeconds);
        Assert.Equal(FraudSeverities.Medium, _alerts[0].Severity);
    }

    [Fact]
    public void RapidFire_ThirdOneTickPastFiveSeconds_DoesNotFire()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(0)));
        Apply(state, Tx("t2", At(2.5)));
        Assert.Empty(Apply(state, Tx("t3", At(5) + TimeSpan.FromTicks(1))));
    }

    [Fact]
    public void RapidFire_EqualTimestamps_Fires()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(10)));
        Apply(state, Tx("t2", At(10)));
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("t3", At(10))));
    }

    [Fact]
    public void RapidFire_EarlierArrivalWithLaterTimestamp_IsNotCounted()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(10)));
        Apply(state, Tx("t2", At(10)));

        // t_j > t_i for both earlier arrivals: only t3 itself is in [t_i − 5 s, t_i].
        Assert.Empty(Apply(state, Tx("t3", At(8))));

        // Now all four are within [5, 10].
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("t4", At(10))));
        Assert.Equal(4, _alerts[0].Details.Count);
    }

    // VELOCITY

    [Fact]
    public void Velocity_SumExactlyThreshold_DoesNotFire_OneCentMore_Fires()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(0), 600.00m));
        Assert.Empty(Apply(state, Tx("t2", At(30), 400.00m)));
        Assert.Equal([FraudRules.Velocity], Apply(state, Tx("t3", At(40), 0.01m)));
        Assert.Equal(1000.01m, _alerts[0].Details.Sum);
        Assert.Equal(3, _alerts[0].Details.Count);
    }

    [Fact]
    public void Velocity_SumInDetails_HasCanonicalScaleWhateverTheHistory()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(0), 1.0000m));
        Apply(state, Tx("t2", At(400), 600.00m)); // t1 is pruned here
        Assert.Equal([FraudRules.Velocity], Apply(state, Tx("t3", At(401), 400.01m)));
        Assert.Equal("1000.01", _alerts[0].Details.Sum!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Velocity_ExactlySixtySecondsApart_IsInclusive()
    {
        var inclusive = NewState();
        Apply(inclusive, Tx("t1", At(0), 600.00m));
        Assert.Equal([FraudRules.Velocity], Apply(inclusive, Tx("t2", At(60), 400.01m)));

        var outside = NewState();
        Apply(outside, Tx("t1", At(0), 600.00m));
        Assert.Empty(Apply(outside, Tx("t2", At(60) + TimeSpan.FromTicks(1), 400.01m)));
    }

    [Fact]
    public void Velocity_EarlierArrivalWithLaterTimestamp_IsNotSummed()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(100), 900.00m));
        Assert.Empty(Apply(state, Tx("t2", At(50), 200.00m)));
        Assert.Equal([FraudRules.Velocity], Apply(state, Tx("t3", At(100), 0.01m)));
    }

    // Cooldown

    [Fact]
    public void Cooldown_RapidFireExactlySixtySecondsLater_FiresAgain()
    {
        var state = NewState();
        Apply(state, Tx("a1", At(0)));
        Apply(state, Tx("a2", At(0)));
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("a3", At(0))));

        Assert.Empty(Apply(state, Tx("b1", At(59.999))));
        Assert.Empty(Apply(state, Tx("b2", At(59.999))));
        Assert.Empty(Apply(state, Tx("b3", At(59.999))));
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("c1", At(60))));
    }

    [Fact]
    public void Cooldown_VelocityOneMillisecondEarly_DoesNotFire()
    {
        var state = NewState();
        Assert.Equal([FraudRules.Velocity], Apply(state, Tx("a1", At(0), 1500.00m)));
        Assert.Empty(Apply(state, Tx("a2", At(59.999), 1500.00m)));
        Assert.Equal([FraudRules.Velocity], Apply(state, Tx("a3", At(60), 0.01m)));
    }

    [Fact]
    public void Cooldown_OutOfOrderBeforeAnchor_NeverFires()
    {
        var state = NewState();
        Apply(state, Tx("a1", At(100)));
        Apply(state, Tx("a2", At(100)));
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("a3", At(100))));

        // 200 s older: not late, satisfies the count, but t_i < t_a + 60 s.
        Assert.Empty(Apply(state, Tx("b1", At(-100))));
        Assert.Empty(Apply(state, Tx("b2", At(-100))));
        Assert.Empty(Apply(state, Tx("b3", At(-100))));
    }

    [Fact]
    public void Cooldown_IsPerRule()
    {
        var state = NewState();
        Apply(state, Tx("a1", At(0), 10.00m));
        Apply(state, Tx("a2", At(0), 10.00m));
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("a3", At(0), 10.00m)));

        // RAPID_FIRE is cooling down; VELOCITY has never fired.
        Assert.Equal([FraudRules.Velocity], Apply(state, Tx("a4", At(1), 1000.00m)));
    }

    [Fact]
    public void Cooldown_AnchorIsTheFiringTransactionsEventTime()
    {
        var state = NewState();
        Apply(state, Tx("a1", At(1)));
        Apply(state, Tx("a2", At(2)));
        Assert.Empty(Apply(state, Tx("a3", At(10))));
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("a4", At(3))));

        // Anchor is 3 s (the firing transaction), not maxT = 10 s.
        Apply(state, Tx("b1", At(63)));
        Apply(state, Tx("b2", At(63)));
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("b3", At(63))));
    }

    // Lateness

    [Fact]
    public void Late_OneTickBeyondAllowedLateness_SkipsWindowedRulesButChecksHighAmount()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(400), 700.00m));
        Apply(state, Tx("t2", At(400), 10.00m));

        var evaluation = state.Apply(Tx("t3", At(100) - TimeSpan.FromTicks(1), 2500.00m), DetectedAt, _alerts);

        Assert.True(evaluation.IsLate);
        Assert.Equal([FraudRules.HighAmount], _alerts.Select(a => a.Rule));
        Assert.True(_alerts[0].Details.Late);
        Assert.Equal(1, state.LateEvents);
    }

    [Fact]
    public void Late_ExactlyAtAllowedLateness_IsNotLate()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(400)));
        Apply(state, Tx("t2", At(100), 600.00m));
        _alerts.Clear();
        var evaluation = state.Apply(Tx("t3", At(100), 400.01m), DetectedAt, _alerts);

        Assert.False(evaluation.IsLate);
        Assert.Equal([FraudRules.Velocity], _alerts.Select(a => a.Rule));
        Assert.Equal(0, state.LateEvents);
    }

    [Fact]
    public void Late_WithinAllowedLateness_IsEvaluatedByWindowedRules()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(290)));
        Apply(state, Tx("t2", At(0)));
        Apply(state, Tx("t3", At(1)));
        Assert.Equal([FraudRules.RapidFire], Apply(state, Tx("t4", At(2))));
    }

    [Fact]
    public void Late_EventIsNotAddedToWindowedState()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(1000)));
        var late = state.Apply(Tx("t2", At(699.9), 900.00m), DetectedAt, _alerts);
        Assert.True(late.IsLate);

        // Within 60 s of the late one: it would make 1100.00 if it had been added.
        Assert.Empty(Apply(state, Tx("t3", At(700), 200.00m)));
        Assert.Empty(Apply(state, Tx("t4", At(700), 0.01m)));
    }

    [Fact]
    public void Late_EventCountsForNewDevice()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(1000), device: "d1"));
        Assert.Equal([FraudRules.NewDevice], Apply(state, Tx("t2", At(0), 600.00m, device: "d2")));
        Assert.True(_alerts[0].Details.Late);

        // The late transaction's device is now known.
        Assert.Empty(Apply(state, Tx("t3", At(1001), 600.00m, device: "d2")));
    }

    [Fact]
    public void Late_EventDoesNotMoveMaxT()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(1000)));
        Apply(state, Tx("t2", At(0)));
        Assert.Equal(At(1000), state.MaxEventTime);
    }

    // IMPOSSIBLE_TRAVEL

    [Fact]
    public void ImpossibleTravel_DistanceExactlyThreshold_DoesNotFire()
    {
        var distance = Geo.HaversineKm(48.8566, 2.3522, 52.52, 13.405);
        var settings = FraudRuleSettings.Default with { TravelMinDistanceKm = distance };

        var exact = NewState(settings);
        Apply(exact, Tx("t1", At(0), lat: 48.8566, lon: 2.3522));
        Assert.Empty(Apply(exact, Tx("t2", At(60), lat: 52.52, lon: 13.405)));

        var below = NewState(settings with { TravelMinDistanceKm = Math.BitDecrement(distance) });
        Apply(below, Tx("t1", At(0), lat: 48.8566, lon: 2.3522));
        Assert.Equal([FraudRules.ImpossibleTravel], Apply(below, Tx("t2", At(60), lat: 52.52, lon: 13.405)));
    }

    [Fact]
    public void ImpossibleTravel_AroundFiveHundredKilometres_FiresOnlyAbove()
    {
        // On the equator d = R·Δλ: 500 km is 4.4966° of longitude.
        var exactDegrees = 500.0 / Geo.EarthRadiusKm * 180.0 / Math.PI;
        var under = NewState();
        Apply(under, Tx("t1", At(0), lat: 0, lon: 0));
        Assert.Empty(Apply(under, Tx("t2", At(1), lat: 0, lon: exactDegrees - 1e-6)));

        var over = NewState();
        Apply(over, Tx("t1", At(0), lat: 0, lon: 0));
        Assert.Equal([FraudRules.ImpossibleTravel], Apply(over, Tx("t2", At(1), lat: 0, lon: exactDegrees + 1e-6)));
        Assert.True(_alerts[0].Details.DistanceKm > 500);
        Assert.Equal(FraudSeverities.Critical, _alerts[0].Severity);
    }

    [Fact]
    public void ImpossibleTravel_SpeedExactlyThreshold_DoesNotFire()
    {
        var distance = Geo.HaversineKm(0, 0, 0, 10);
        var elapsed = TimeSpan.FromHours(1);
        var speed = distance / ((double)elapsed.Ticks / TimeSpan.TicksPerHour);
        var settings = FraudRuleSettings.Default with { TravelMaxSpeedKmh = speed };

        var exact = NewState(settings);
        Apply(exact, Tx("t1", At(0), lat: 0, lon: 0));
        Assert.Empty(Apply(exact, Tx("t2", At(0) + elapsed, lat: 0, lon: 10)));

        var below = NewState(settings with { TravelMaxSpeedKmh = Math.BitDecrement(speed) });
        Apply(below, Tx("t1", At(0), lat: 0, lon: 0));
        Assert.Equal([FraudRules.ImpossibleTravel], Apply(below, Tx("t2", At(0) + elapsed, lat: 0, lon: 10)));
    }

    [Fact]
    public void ImpossibleTravel_AroundNineHundredKmPerHour_FiresOnlyAbove()
    {
        // 1800 km on the equator: exactly 900 km/h takes 2 h; a second less is faster.
        var degrees = 1800.0 / Geo.EarthRadiusKm * 180.0 / Math.PI;
        var slow = NewState();
        Apply(slow, Tx("t1", At(0), lat: 0, lon: 0));
        Assert.Empty(Apply(slow, Tx("t2", At(7201), lat: 0, lon: degrees)));

        var fast = NewState();
        Apply(fast, Tx("t1", At(0), lat: 0, lon: 0));
        Assert.Equal([FraudRules.ImpossibleTravel], Apply(fast, Tx("t2", At(7199), lat: 0, lon: degrees)));
        Assert.InRange(_alerts[0].Details.SpeedKmh!.Value, 900.0, 900.2);
    }

    [Fact]
    public void ImpossibleTravel_LessThanOneSecondApart_UsesOneSecond()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(0), lat: 0, lon: 0));
        Assert.Equal([FraudRules.ImpossibleTravel], Apply(state, Tx("t2", At(0.3), lat: 0, lon: 10)));

        var details = _alerts[0].Details;
        Assert.Equal(1.0, details.ElapsedSeconds);
        Assert.Equal(details.DistanceKm!.Value * 3600.0, details.SpeedKmh!.Value, 6);
        Assert.Equal(0.0, details.PreviousLongitude);
    }

    [Fact]
    public void ImpossibleTravel_UsesLatestArrivedNotNewestEventTime()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(200), lat: 48.8566, lon: 2.3522)); // Paris, newest event time
        Apply(state, Tx("t2", At(0), lat: 40.7128, lon: -74.006)); // New York, arrives later

        // Compared with New York (same place), not with Paris.
        Assert.Empty(Apply(state, Tx("t3", At(210), lat: 40.7128, lon: -74.006)));
    }

    [Fact]
    public void ImpossibleTravel_TransactionsWithoutCoordinatesOrLate_DoNotChangeK()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(1000), lat: 0, lon: 0));
        Apply(state, Tx("t2", At(1001)));
        Apply(state, Tx("t3", At(1002), lat: 0));
        Apply(state, Tx("t4", At(10), lat: 0, lon: 20)); // late: neither evaluated nor k
        Assert.Equal([FraudRules.ImpossibleTravel], Apply(state, Tx("t5", At(1003), lat: 0, lon: 10)));
        Assert.Equal(0.0, _alerts[0].Details.PreviousLongitude);
    }

    [Fact]
    public void ImpossibleTravel_FirstLocatedTransaction_NeverFires()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(0)));
        Assert.Empty(Apply(state, Tx("t2", At(1), lat: 0, lon: 90)));
    }

    // NEW_DEVICE

    [Fact]
    public void NewDevice_FirstTransaction_NeverFires()
    {
        var state = NewState();
        Assert.DoesNotContain(FraudRules.NewDevice, Apply(state, Tx("t1", At(0), 1500.00m, device: "d1")));
    }

    [Fact]
    public void NewDevice_ExactlyMinimumAmount_DoesNotFire_OneCentMore_Fires()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(0), device: "d1"));
        Assert.Empty(Apply(state, Tx("t2", At(100), 500.00m, device: "d2")));
        Assert.Equal([FraudRules.NewDevice], Apply(state, Tx("t3", At(200), 500.01m, device: "d3")));
        Assert.Equal(2, _alerts[0].Details.KnownDeviceCount);
        Assert.Equal(500.00m, _alerts[0].Details.Threshold);
    }

    [Fact]
    public void NewDevice_EleventhDistinctDevice_EvictsTheLeastRecentlyUsed()
    {
        var state = NewState();
        for (var d = 1; d <= 11; d++)
        {
            Apply(state, Tx($"t{d}", At(d * 100), device: $"d{d}"));
        }

        Assert.Equal(10, state.RecentDevices.Length);
        Assert.Equal("d11", state.RecentDevices[0]);
        Assert.Equal([FraudRules.NewDevice], Apply(state, Tx("x1", At(2000), 600.00m, device: "d1")));
        Assert.Equal(10, _alerts[0].Details.KnownDeviceCount);

        // d3..d11 and d1 are known; d2 fell off when d1 came back.
        Assert.Empty(Apply(state, Tx("x2", At(2100), 600.00m, device: "d3")));
        Assert.Equal([FraudRules.NewDevice], Apply(state, Tx("x3", At(2200), 600.00m, device: "d2")));
    }

    [Fact]
    public void NewDevice_ReusedDevice_MovesToFront()
    {
        var state = NewState();
        for (var d = 1; d <= 10; d++)
        {
            Apply(state, Tx($"t{d}", At(d * 100), device: $"d{d}"));
        }

        Apply(state, Tx("again", At(1100), device: "d1"));
        Apply(state, Tx("new", At(1200), device: "d11"));

        Assert.Empty(Apply(state, Tx("x1", At(1300), 600.00m, device: "d1")));
        Assert.Equal([FraudRules.NewDevice], Apply(state, Tx("x2", At(1400), 600.00m, device: "d2")));
    }

    // Several rules

    [Fact]
    public void Apply_SeveralRules_AlertsInContractOrder()
    {
        var state = NewState();
        Apply(state, Tx("t1", At(0), 10.00m, device: "d1", lat: 0, lon: 0));
        Apply(state, Tx("t2", At(1), 10.00m, device: "d1"));
        var evaluation = state.Apply(Tx("t3", At(2), 2500.00m, device: "d2", lat: 0, lon: 30), DetectedAt, _alerts);

        Assert.Equal(
            ["t3:HIGH_AMOUNT", "t3:RAPID_FIRE", "t3:VELOCITY", "t3:IMPOSSIBLE_TRAVEL", "t3:NEW_DEVICE"],
            _alerts.Select(a => a.AlertId));
        Assert.Equal(
            FraudRuleSet.HighAmount | FraudRuleSet.RapidFire | FraudRuleSet.Velocity | FraudRuleSet.ImpossibleTravel | FraudRuleSet.NewDevice,
            evaluation.Fired);
    }

    [Fact]
    public void Apply_SteadyStateWithoutAlerts_AllocatesNothing()
    {
        var state = NewState();
        var transactions = Enumerable.Range(0, 4000)
            .Select(i => Tx($"t{i}", At(i * 7), 5.00m, device: "d1", lat: 0, lon: 0))
            .ToArray();
        for (var i = 0; i < 2000; i++)
        {
            state.Apply(transactions[i], DetectedAt, _alerts);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 2000; i < 4000; i++)
        {
            state.Apply(transactions[i], DetectedAt, _alerts);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Empty(_alerts);
    }

    [Fact]
    public void Window_PrunesEntriesNoFutureTransactionCanReach()
    {
        var state = NewState();
        for (var i = 0; i < 1000; i++)
        {
            state.Apply(Tx($"t{i}", At(i * 10)), DetectedAt, _alerts);
        }

        // Retained: event time ≥ maxT − 5 min − 60 s, i.e. the last 37 transactions.
        Assert.Equal(37, state.WindowedTransactionCount);
    }

    [Fact]
    public void Settings_Invalid_NamesTheProperty()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CustomerFraudState(FraudRuleSettings.Default with { RapidFireMinCount = 0 }));
        Assert.Equal(nameof(FraudRuleSettings.RapidFireMinCount), error.ParamName);
    }
}
