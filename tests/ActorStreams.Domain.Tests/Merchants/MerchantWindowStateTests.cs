using ActorStreams.Domain.Merchants;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Merchants;

[Trait("Category", "Unit")]
public sealed class MerchantWindowStateTests
{
    private static readonly MerchantId Merchant = new("m-1");
    private static readonly EventTime Minute17 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 5, 17, 0, TimeSpan.Zero));

    private readonly MerchantWindowState _state = new(Merchant, MerchantWindowSettings.Default);
    private readonly List<MerchantMetric> _output = [];

    internal static MerchantTransaction Forwarded(
        EventTime time,
        decimal amount = 10m,
        int source = 0,
        long offset = 0,
        EventTime? watermark = null,
        bool alerted = false,
        bool labeled = false,
        string category = "grocery",
        string merchant = "m-1") => new()
        {
            TransactionId = new TransactionId($"{source}-{offset}"),
            MerchantId = new MerchantId(merchant),
            MerchantCategory = category,
            Amount = amount,
            EventTime = time,
            FraudAlerted = alerted,
            IsFraud = labeled,
            SourcePartition = source,
            SourceOffset = offset,
            SourceWatermark = watermark ?? EventTime.MinValue,
        };

    [Fact]
    public void Advance_AggregatesOneMinuteWindow_WithIsoMetricId()
    {
        var t = Minute17 + TimeSpan.FromMilliseconds(29_123);
        _state.Apply(Forwarded(t, 10.00m, offset: 1, alerted: true, category: "grocery"));
        _state.Apply(Forwarded(t, 30.00m, offset: 2, labeled: true, category: "travel"));
        _state.Apply(Forwarded(Minute17 + TimeSpan.FromSeconds(59.999), 5.00m, offset: 3, alerted: true, labeled: true));

        Assert.Equal(1, _state.Advance(Minute17 + TimeSpan.FromMinutes(1), _output));

        var metric = Assert.Single(_output);
        Assert.Equal("m-1:2026-11-22T05:17:00.000Z", metric.MetricId);
        Assert.Equal("m-1", metric.MerchantId);
        Assert.Equal("grocery", metric.MerchantCategory);
        Assert.Equal(Minute17, metric.WindowStart);
        Assert.Equal(Minute17 + TimeSpan.FromMinutes(1), metric.WindowEnd);
        Assert.Equal(3, metric.TxCount);
        Assert.Equal(45.00m, metric.TotalAmount);
        Assert.Equal(15.00m, metric.AvgAmount);
        Assert.Equal(30.00m, metric.MaxAmount);
        Assert.Equal(2, metric.FraudAlertCount);
        Assert.Equal(2, metric.FraudLabeledCount);
    }

    [Fact]
    public void Advance_WatermarkOneTickBeforeEnd_DoesNotEmit_AtEnd_EmitsOnce()
    {
        _state.Apply(Forwarded(Minute17, offset: 1));
        var end = Minute17 + TimeSpan.FromMinutes(1);

        Assert.Equal(0, _state.Advance(end - TimeSpan.FromTicks(1), _output));
        Assert.Equal(1, _state.Advance(end, _output));
        Assert.Equal(0, _state.Advance(end + TimeSpan.FromMinutes(5), _output));
        Assert.Single(_output);
        Assert.Equal(0, _state.OpenWindowCount);
    }

    [Fact]
    public void Advance_EmitsOldestFirst_AndKeepsLaterWindowsOpen()
    {
        _state.Apply(Forwarded(Minute17 + TimeSpan.FromMinutes(2), offset: 1));
        _state.Apply(Forwarded(Minute17, offset: 2));
        _state.Apply(Forwarded(Minute17 + TimeSpan.FromMinutes(1), offset: 3));

        Assert.Equal(2, _state.Advance(Minute17 + TimeSpan.FromMinutes(2), _output));
        Assert.Equal([Minute17, Minute17 + TimeSpan.FromMinutes(1)], _output.Select(m => m.WindowStart));
        Assert.Equal(Minute17 + TimeSpan.FromMinutes(3), _state.NextWindowEnd);
    }

    [Fact]
    public void Apply_WindowEndAtCarriedWatermark_IsLate()
    {
        var end = Minute17 + TimeSpan.FromMinutes(1);
        Assert.Equal(MerchantApplyResult.Late, _state.Apply(Forwarded(Minute17, offset: 1, watermark: end)));
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(Forwarded(Minute17, offset: 2, watermark: end - TimeSpan.FromTicks(1))));
        Assert.Equal(1, _state.LateEvents);
    }

    [Fact]
    public void Apply_AfterWindowEmitted_IsLate()
    {
        _state.Apply(Forwarded(Minute17, offset: 1));
        _state.Advance(Minute17 + TimeSpan.FromMinutes(1), _output);

        Assert.Equal(MerchantApplyResult.Late, _state.Apply(Forwarded(Minute17 + TimeSpan.FromSeconds(30), source: 1, offset: 1)));
        Assert.Equal(1, _state.LateEvents);
        Assert.Equal(0, _state.OpenWindowCount);
    }

    [Fact]
    public void FlushAll_EmitsEveryOpenWindow_ThenTheyAreClosed()
    {
        _state.Apply(Forwarded(Minute17, offset: 1));
        _state.Apply(Forwarded(Minute17 + TimeSpan.FromMinutes(3), offset: 2));

        Assert.Equal(2, _state.FlushAll(_output));
        Assert.Equal(MerchantApplyResult.Late, _state.Apply(Forwarded(Minute17 + TimeSpan.FromMinutes(3), offset: 3)));
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(Forwarded(Minute17 + TimeSpan.FromMinutes(4), offset: 4)));
    }

    [Fact]
    public void Apply_ReplayedSourceOffset_IsIgnoredPerSource()
    {
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(Forwarded(Minute17, offset: 5)));
        Assert.Equal(MerchantApplyResult.Duplicate, _state.Apply(Forwarded(Minute17, offset: 5)));
        Assert.Equal(MerchantApplyResult.Duplicate, _state.Apply(Forwarded(Minute17, offset: 3)));
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(Forwarded(Minute17, source: 2, offset: 3)));
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(Forwarded(Minute17, offset: 6)));

        _state.Advance(Minute17 + TimeSpan.FromMinutes(1), _output);
        Assert.Equal(3, Assert.Single(_output).TxCount);
        Assert.Equal(2, _state.DuplicateEvents);
    }

    [Fact]
    public void Apply_ReplayOfLateRecord_IsNotCountedTwice()
    {
        var end = Minute17 + TimeSpan.FromMinutes(1);
        _state.Apply(Forwarded(Minute17, offset: 1, watermark: end));
        _state.Apply(Forwarded(Minute17, offset: 1, watermark: end));
        Assert.Equal(1, _state.LateEvents);
    }

    [Fact]
    public void Apply_OtherMerchant_Throws()
    {
        Assert.Throws<ArgumentException>(() => _state.Apply(Forwarded(Minute17, merchant: "m-2")));
    }

    [Fact]
    public void Snapshot_RoundTrip_ContinuesIdentically()
    {
        _state.Apply(Forwarded(Minute17, 12.34m, offset: 1, alerted: true));
        _state.Apply(Forwarded(Minute17 + TimeSpan.FromMinutes(1), 1m, source: 3, offset: 9, labeled: true, category: "x"));
        var restored = MerchantWindowState.Read(Snapshot(_state.Write), MerchantWindowSettings.Default);

        Assert.Equal(Snapshot(_state.Write), Snapshot(restored.Write));
        var fromRestored = new List<MerchantMetric>();
        Assert.Equal(MerchantApplyResult.Duplicate, restored.Apply(Forwarded(Minute17, offset: 1)));
        _state.Apply(Forwarded(Minute17, offset: 1));
        restored.FlushAll(fromRestored);
        _state.FlushAll(_output);
        Assert.Equal(_output, fromRestored);
    }
}
