using ActorStreams.Domain.Loans;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Loans;

[Trait("Category", "Unit")]
public sealed class DeviceStateTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly DeviceState _device = new("d-1", LoanSettings.Default);
    private readonly List<DeviceVerdict> _verdicts = [];
    private readonly List<LoanFraudAlert> _alerts = [];
    private long _offset;

    [Fact]
    public void ThirdDistinctCustomerWithinTheHour_Fires_WhenTheWatermarkReachesIt()
    {
        Add("a1", customer: 1, T0);
        Add("a2", customer: 2, T0 + TimeSpan.FromMinutes(30));
        Add("a3", customer: 3, T0 + Hour); // a1 exactly one hour earlier: inside
        Assert.Empty(_verdicts); // all wait for the watermark

        _device.Evaluate(T0 + Hour, T0, _verdicts, _alerts);

        Assert.Equal(["a1", "a2", "a3"], _verdicts.Select(v => v.Application.ApplicationId));
        Assert.Equal([false, false, true], _verdicts.Select(v => v.DeviceShared));
        var alert = Assert.Single(_alerts);
        Assert.Equal("a3:DEVICE_SHARED", alert.AlertId);
        Assert.Equal("HIGH", alert.Severity);
        Assert.Equal([new LoanAlertDetail("distinct_customers", 3), new LoanAlertDetail("min_customers", 3), new LoanAlertDetail("window_seconds", 3600)], alert.Details);
    }

    [Fact]
    public void OneTickBeyondTheHour_DoesNotFire()
    {
        Add("a1", customer: 1, T0);
        Add("a2", customer: 2, T0 + TimeSpan.FromMinutes(30));
        Add("a3", customer: 3, T0 + Hour + TimeSpan.FromTicks(1));
        _device.Evaluate(T0 + (2 * Hour), T0, _verdicts, _alerts);

        Assert.Empty(_alerts);
    }

    [Fact]
    public void SameCustomerTwice_CountsOnce()
    {
        Add("a1", customer: 1, T0);
        Add("a2", customer: 1, T0 + TimeSpan.FromMinutes(1));
        Add("a3", customer: 2, T0 + TimeSpan.FromMinutes(2));
        _device.Evaluate(T0 + Hour, T0, _verdicts, _alerts);

        Assert.Empty(_alerts);
    }

    [Fact]
    public void ArrivalOrder_DoesNotMatter_EventTimeDecides()
    {
        // The latest application arrives first; an earlier one from another partition arrives last.
        Add("a3", customer: 3, T0 + TimeSpan.FromMinutes(40), source: 2);
        Add("a1", customer: 1, T0, source: 0);
        Add("a2", customer: 2, T0 + TimeSpan.FromMinutes(20), source: 1);
        _device.Evaluate(T0 + Hour, T0, _verdicts, _alerts);

        Assert.Equal("a3:DEVICE_SHARED", Assert.Single(_alerts).AlertId);
        Assert.Equal(["a1", "a2", "a3"], _verdicts.Select(v => v.Application.ApplicationId));
    }

    [Fact]
    public void ApplicationsAfterTheWatermark_KeepWaiting()
    {
        Add("a1", customer: 1, T0);
        Add("a2", customer: 2, T0 + TimeSpan.FromMinutes(10));
        _device.Evaluate(T0 + TimeSpan.FromMinutes(5), T0, _verdicts, _alerts);

        Assert.Equal(["a1"], _verdicts.Select(v => v.Application.ApplicationId));
        Assert.Equal(1, _device.PendingCount);
        Assert.Equal(T0 + TimeSpan.FromMinutes(10), _device.EarliestPending);
    }

    [Fact]
    public void LateApplication_IsAnsweredAtOnce_AndCountsForNobody()
    {
        Add("a1", customer: 1, T0);
        Add("late", customer: 2, T0 + TimeSpan.FromMinutes(1), carried: T0 + TimeSpan.FromMinutes(1)); // at its carried watermark: late
        var late = Assert.Single(_verdicts);
        Assert.True(late.Late);
        Assert.False(late.DeviceShared);
        _verdicts.Clear();

        Add("a3", customer: 3, T0 + TimeSpan.FromMinutes(2));
        _device.Evaluate(T0 + Hour, T0, _verdicts, _alerts);

        Assert.Empty(_alerts); // customers 1 and 3 only
        Assert.Equal(1, _device.LateApplications);
    }

    [Fact]
    public void ApplicationAlreadyBehindThePartitionWatermark_IsEvaluatedAtOnce()
    {
        Add("a1", customer: 1, T0);
        Add("a2", customer: 2, T0 + TimeSpan.FromMinutes(1));
        _device.Evaluate(T0 + TimeSpan.FromMinutes(5), T0, _verdicts, _alerts);
        _verdicts.Clear();

        // After an idle period the partition watermark can be past an application that is not late for its source.
        _device.Add(App("a3", 3, T0 + TimeSpan.FromMinutes(2)), T0 + TimeSpan.FromMinutes(5), T0, _verdicts, _alerts);

        Assert.Equal("a3:DEVICE_SHARED", Assert.Single(_alerts).AlertId);
        Assert.Single(_verdicts);
    }

    [Fact]
    public void Replay_IsIgnored()
    {
        var application = App("a1", 1, T0);
        Assert.True(_device.Add(application, EventTime.MinValue, T0, _verdicts, _alerts));
        Assert.False(_device.Add(application, EventTime.MinValue, T0, _verdicts, _alerts));

        Assert.Equal(1, _device.Duplicates);
        Assert.Equal(1, _device.PendingCount);
    }

    [Fact]
    public void Flush_EvaluatesEverything()
    {
        Add("a1", customer: 1, T0);
        Add("a2", customer: 2, T0 + TimeSpan.FromMinutes(1));
        Add("a3", customer: 3, T0 + TimeSpan.FromMinutes(2));
        _device.Flush(T0, _verdicts, _alerts);

        Assert.Equal(3, _verdicts.Count);
        Assert.Single(_alerts);
        Assert.Equal(0, _device.PendingCount);
    }

    [Fact]
    public void History_IsPrunedToWhatALaterEvaluationCanReach()
    {
        for (var i = 0; i < 10; i++)
        {
            Add($"a{i}", customer: i, T0 + TimeSpan.FromHours(2 * i));
            _device.Evaluate(T0 + TimeSpan.FromHours(2 * i), T0, _verdicts, _alerts);
        }

        Assert.Equal(1, _device.HistoryCount);
        Assert.Empty(_alerts);
    }

    [Fact]
    public void Snapshot_RoundTrips_WaitingApplicationsIncluded()
    {
        Add("a1", customer: 1, T0);
        Add("a2", customer: 2, T0 + TimeSpan.FromMinutes(1));
        _device.Evaluate(T0, T0, _verdicts, _alerts);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        _device.Write(buffer);

        var restored = DeviceState.Read(buffer.WrittenSpan, LoanSettings.Default);
        restored.Add(App("a3", 3, T0 + TimeSpan.FromMinutes(2)), EventTime.MinValue, T0, _verdicts, _alerts);
        Assert.False(restored.Add(App("a2", 2, T0 + TimeSpan.FromMinutes(1), offset: 2), EventTime.MinValue, T0, _verdicts, _alerts)); // replay
        restored.Evaluate(T0 + Hour, T0, _verdicts, _alerts);

        Assert.Equal("a3:DEVICE_SHARED", Assert.Single(_alerts).AlertId);
        Assert.Equal("d-1", restored.DeviceId);
    }

    private void Add(string id, long customer, EventTime time, int source = 0, EventTime? carried = null) =>
        _device.Add(App(id, customer, time, source, carried), EventTime.MinValue, T0, _verdicts, _alerts);

    private LoanForward App(string id, long customer, EventTime time, int source = 0, EventTime? carried = null, long? offset = null) =>
        LoanForward.From(Loan(id, time, customer: customer, device: "d-1"), new LoanEvaluation(null!, false, false, false), source, offset ?? ++_offset,
            carried ?? time - TimeSpan.FromSeconds(10));
}
