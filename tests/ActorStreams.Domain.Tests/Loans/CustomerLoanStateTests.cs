using ActorStreams.Domain.Loans;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Loans;

[Trait("Category", "Unit")]
public sealed class CustomerLoanStateTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private readonly CustomerLoanState _state = new(LoanSettings.Default);
    private readonly List<LoanFraudAlert> _alerts = [];

    [Theory]
    [InlineData(0.29999, true)]
    [InlineData(0.3, false)]
    [InlineData(0.0, true)]
    [InlineData(1.0, false)]
    public void IdentityMismatch_FiresStrictlyBelowTheThreshold(double score, bool fires)
    {
        var evaluation = _state.Apply(Loan("a", T0, identity: score), T0, _alerts);

        Assert.Equal(fires, _alerts.Any(a => a.Rule == LoanFraudRules.IdentityMismatch));
        Assert.Equal(fires, evaluation.IdentityFailed);
        Assert.Equal(fires, evaluation.Alerted);
    }

    [Theory]
    [InlineData("29.9", true)]
    [InlineData("30", false)]
    [InlineData("0", true)]
    public void BotSpeed_FiresStrictlyBelowThirtySeconds(string duration, bool fires)
    {
        _state.Apply(Loan("a", T0, duration: decimal.Parse(duration, System.Globalization.CultureInfo.InvariantCulture)), T0, _alerts);

        Assert.Equal(fires, _alerts.Any(a => a.Rule == LoanFraudRules.BotSpeed));
    }

    [Fact]
    public void Alert_CarriesIdsSeverityAndDetails()
    {
        _state.Apply(Loan("app-7", T0, customer: 1, identity: 0.1, device: "d-9", channel: "mobile", amount: 1234.5m), T0 + TimeSpan.FromSeconds(2), _alerts);

        var alert = Assert.Single(_alerts);
        Assert.Equal("app-7:IDENTITY_MISMATCH", alert.AlertId);
        Assert.Equal("HIGH", alert.Severity);
        Assert.Equal("d-9", alert.DeviceId);
        Assert.Equal("mobile", alert.Channel);
        Assert.Equal(1234.5m, alert.LoanAmount);
        Assert.Equal(T0, alert.EventTime);
        Assert.Equal(T0 + TimeSpan.FromSeconds(2), alert.DetectedAt);
        Assert.Equal([new LoanAlertDetail("identity_verification_score", 0.1), new LoanAlertDetail("threshold", 0.3)], alert.Details);
    }

    [Fact]
    public void ApplicationBurst_FiresOnTheThirdWithinTwentyFourHoursInclusive()
    {
        Apply("a1", T0);
        Apply("a2", T0 + TimeSpan.FromHours(12));
        Assert.Empty(_alerts);

        Apply("a3", T0 + Day); // a1 is exactly 24 h earlier: inside
        var alert = Assert.Single(_alerts);
        Assert.Equal("a3:APPLICATION_BURST", alert.AlertId);
        Assert.Equal([new LoanAlertDetail("count", 3), new LoanAlertDetail("min_count", 3), new LoanAlertDetail("window_seconds", 86400)], alert.Details);
    }

    [Fact]
    public void ApplicationBurst_OneTickTooLate_DoesNotFire()
    {
        Apply("a1", T0);
        Apply("a2", T0 + TimeSpan.FromHours(12));
        Apply("a3", T0 + Day + TimeSpan.FromTicks(1));

        Assert.Empty(_alerts);
    }

    [Fact]
    public void ApplicationBurst_LaterEventTimesArrivedEarlier_DoNotCount()
    {
        // Arrival order matters: j counts when it arrived at or before i and t_i − 24 h ≤ t_j ≤ t_i.
        Apply("a1", T0 + TimeSpan.FromMinutes(4));
        Apply("a2", T0 + TimeSpan.FromMinutes(3));
        Apply("a3", T0); // a1 and a2 are after t_3: not in its window
        Assert.Empty(_alerts);

        Apply("a4", T0 + TimeSpan.FromMinutes(5));
        Assert.Equal("a4:APPLICATION_BURST", Assert.Single(_alerts).AlertId);
    }

    [Fact]
    public void LateApplication_IsScoredAndChecked_ButNotCountedForBursts()
    {
        Apply("a1", T0 + TimeSpan.FromHours(1));
        var late = _state.Apply(Loan("a2", T0 + TimeSpan.FromMinutes(54), duration: 5m), T0, _alerts); // 6 min behind > 5 min lateness

        Assert.True(late.IsLate);
        Assert.Equal("a2:BOT_SPEED", Assert.Single(_alerts).AlertId);
        Assert.Equal(1, _state.LateApplications);
        _alerts.Clear();

        Apply("a3", T0 + TimeSpan.FromHours(1));
        Assert.Empty(_alerts); // a1 and a3 only: the late a2 was not added

        var onTheEdge = _state.Apply(Loan("a4", T0 + TimeSpan.FromMinutes(55)), T0, _alerts); // exactly 5 min behind: not late
        Assert.False(onTheEdge.IsLate);
        Assert.Empty(_alerts); // a1 and a3 are after t_4

        Apply("a5", T0 + TimeSpan.FromHours(1)); // a1, a3, a4 and a5
        var alert = Assert.Single(_alerts);
        Assert.Equal("a5:APPLICATION_BURST", alert.AlertId);
        Assert.Contains(new LoanAlertDetail("count", 4), alert.Details);
    }

    [Fact]
    public void State_KeepsOnlyWhatAFutureWindowCanReach()
    {
        for (var i = 0; i < 10; i++)
        {
            Apply($"a{i}", T0 + TimeSpan.FromDays(2 * i));
        }

        Assert.Equal(1, _state.RetainedApplications);
        Assert.Empty(_alerts);
    }

    [Fact]
    public void Snapshot_RoundTripsThroughTheCustomerState()
    {
        var settings = ActorStreams.Domain.Customers.CustomerStateSettings.Default;
        var customer = new ActorStreams.Domain.Customers.CustomerState(new CustomerId(1), settings);
        Assert.True(customer.TryApplyLoanApplication(Loan("a1", T0), T0, _alerts, out _));
        Assert.True(customer.TryApplyLoanApplication(Loan("a2", T0 + TimeSpan.FromHours(1)), T0, _alerts, out _));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        customer.Write(buffer);

        var restored = ActorStreams.Domain.Customers.CustomerState.Read(buffer.WrittenSpan, settings);
        Assert.True(restored.TryApplyLoanApplication(Loan("a3", T0 + TimeSpan.FromHours(2)), T0, _alerts, out _));

        Assert.Equal("a3:APPLICATION_BURST", Assert.Single(_alerts).AlertId);
        Assert.Equal(3, restored.Loans.Applications);
        Assert.Equal(T0 + TimeSpan.FromHours(2), restored.Loans.MaxEventTime);
    }

    [Fact]
    public void Snapshot_OfVersionOne_ReadsWithNoLoanState()
    {
        var settings = ActorStreams.Domain.Customers.CustomerStateSettings.Default;
        var customer = new ActorStreams.Domain.Customers.CustomerState(new CustomerId(5), settings);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        customer.Write(buffer);
        var loanBytes = 8 + 8 + 8 + 4; // applications, late, max time, retained count: an empty loan state
        var idBytes = 3; // version 3's three "no ids remembered" flags
        var behaviourBytes = 2; // version 4's "no behaviour" and "no event ids" flags
        var v1 = buffer.WrittenSpan[..^(loanBytes + idBytes + behaviourBytes)].ToArray();
        v1[0] = 1;

        var restored = ActorStreams.Domain.Customers.CustomerState.Read(v1, settings);

        Assert.Equal(0, restored.Loans.Applications);
        Assert.Equal(5, restored.CustomerId.Value);
    }

    private void Apply(string id, EventTime time) => _state.Apply(Loan(id, time), T0, _alerts);
}
