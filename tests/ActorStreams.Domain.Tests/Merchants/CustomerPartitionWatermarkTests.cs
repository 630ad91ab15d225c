using ActorStreams.Domain.Merchants;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Merchants;

[Trait("Category", "Unit")]
public sealed class CustomerPartitionWatermarkTests
{
    private static readonly TimeSpan Busy = TimeSpan.Zero;
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void ObserveRecord_ReturnsNewestEventTimeIncludingThisMinusGrace()
    {
        var tracker = new CustomerPartitionWatermark(3, MerchantWindowSettings.Default);
        Assert.Null(tracker.Watermark);
        Assert.Equal(At(90), tracker.ObserveRecord(At(100)));
        Assert.Equal(At(90), tracker.ObserveRecord(At(20)));
        Assert.Equal(At(100), tracker.ObserveRecord(At(110)));
        Assert.Equal(At(110), tracker.MaxEventTime);
        Assert.Equal(3, tracker.Partition);
    }

    [Fact]
    public void Poll_AnnouncesEachAdvanceOnce()
    {
        var tracker = new CustomerPartitionWatermark(0, MerchantWindowSettings.Default);
        Assert.Equal(WatermarkSignal.None, tracker.Poll(Busy));
        tracker.ObserveRecord(At(100));
        Assert.Equal(new WatermarkSignal(WatermarkSignalKind.Watermark, At(90)), tracker.Poll(Busy));
        Assert.Equal(WatermarkSignal.None, tracker.Poll(Busy));
        tracker.ObserveRecord(At(50));
        Assert.Equal(WatermarkSignal.None, tracker.Poll(Busy));
    }

    [Fact]
    public void Poll_IdleOnceTheWaitsAddUpToTheTimeout_Once_ThenActiveWithNextRecord()
    {
        var tracker = new CustomerPartitionWatermark(0, MerchantWindowSettings.Default);
        tracker.ObserveRecord(At(100));
        tracker.Poll(Busy);

        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(WatermarkSignal.None, tracker.Poll(Second));
        }

        Assert.Equal(WatermarkSignal.None, tracker.Poll(Second - TimeSpan.FromTicks(1)));
        Assert.Equal(WatermarkSignal.Idle, tracker.Poll(TimeSpan.FromTicks(1)));
        Assert.Equal(WatermarkSignal.None, tracker.Poll(Second));

        // A record that does not advance the watermark still re-announces it after idleness.
        tracker.ObserveRecord(At(50));
        Assert.Equal(new WatermarkSignal(WatermarkSignalKind.Watermark, At(90)), tracker.Poll(Busy));
    }

    [Fact]
    public void Poll_BusyOrBehindForLongerThanTheTimeout_NeverIdle()
    {
        // A stalled pipeline (backpressure, a checkpoint, a starved CPU) or one fetching a backlog reports no wait, however
        // long the wall-clock time without a transaction: its records must not turn late.
        var tracker = new CustomerPartitionWatermark(0, MerchantWindowSettings.Default);
        tracker.ObserveRecord(At(100));
        for (var i = 0; i < 1_000; i++)
        {
            Assert.NotEqual(WatermarkSignalKind.Idle, tracker.Poll(Busy).Kind);
        }
    }

    [Fact]
    public void Poll_ARecordRestartsTheCountOfWaits()
    {
        var tracker = new CustomerPartitionWatermark(0, MerchantWindowSettings.Default);
        tracker.ObserveRecord(At(100));
        Assert.NotEqual(WatermarkSignalKind.Idle, tracker.Poll(TimeSpan.FromSeconds(9)).Kind);
        tracker.ObserveRecord(At(101));
        Assert.NotEqual(WatermarkSignalKind.Idle, tracker.Poll(TimeSpan.FromSeconds(9)).Kind);
        Assert.Equal(WatermarkSignal.Idle, tracker.Poll(Second));
    }

    [Fact]
    public void Poll_PartitionWithoutRecords_BecomesIdle()
    {
        var tracker = new CustomerPartitionWatermark(0, MerchantWindowSettings.Default);
        Assert.Equal(WatermarkSignal.Idle, tracker.Poll(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Poll_NegativeWait_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerPartitionWatermark(0, MerchantWindowSettings.Default).Poll(TimeSpan.FromTicks(-1)));

    [Fact]
    public void Snapshot_RoundTrip_ReAnnouncesTheWatermark()
    {
        var tracker = new CustomerPartitionWatermark(2, MerchantWindowSettings.Default);
        tracker.ObserveRecord(At(100));
        tracker.Poll(Busy);

        var restored = CustomerPartitionWatermark.Read(Snapshot(tracker.Write), MerchantWindowSettings.Default);
        Assert.Equal(2, restored.Partition);
        Assert.Equal(new WatermarkSignal(WatermarkSignalKind.Watermark, At(90)), restored.Poll(Busy));
    }
}
