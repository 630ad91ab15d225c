using ActorStreams.Domain.Merchants;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Merchants;

[Trait("Category", "Unit")]
public sealed class CustomerPartitionWatermarkTests
{
    private static readonly EventTime Wall = At(1_000_000);

    [Fact]
    public void ObserveRecord_ReturnsNewestEventTimeIncludingThisMinusGrace()
    {
        var tracker = new CustomerPartitionWatermark(3, MerchantWindowSettings.Default, Wall);
        Assert.Null(tracker.Watermark);
        Assert.Equal(At(90), tracker.ObserveRecord(At(100), Wall));
        Assert.Equal(At(90), tracker.ObserveRecord(At(20), Wall));
        Assert.Equal(At(100), tracker.ObserveRecord(At(110), Wall));
        Assert.Equal(At(110), tracker.MaxEventTime);
        Assert.Equal(3, tracker.Partition);
    }

    [Fact]
    public void Poll_AnnouncesEachAdvanceOnce()
    {
        var tracker = new CustomerPartitionWatermark(0, MerchantWindowSettings.Default, Wall);
        Assert.Equal(WatermarkSignal.None, tracker.Poll(Wall));
        tracker.ObserveRecord(At(100), Wall);
        Assert.Equal(new WatermarkSignal(WatermarkSignalKind.Watermark, At(90)), tracker.Poll(Wall));
        Assert.Equal(WatermarkSignal.None, tracker.Poll(Wall));
        tracker.ObserveRecord(At(50), Wall);
        Assert.Equal(WatermarkSignal.None, tracker.Poll(Wall));
    }

    [Fact]
    public void Poll_IdleAfterExactlyTheTimeout_Once_ThenActiveWithNextRecord()
    {
        var tracker = new CustomerPartitionWatermark(0, MerchantWindowSettings.Default, Wall);
        tracker.ObserveRecord(At(100), Wall);
        tracker.Poll(Wall);

        Assert.Equal(WatermarkSignal.None, tracker.Poll(Wall + TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1)));
        Assert.Equal(WatermarkSignal.Idle, tracker.Poll(Wall + TimeSpan.FromSeconds(10)));
        Assert.Equal(WatermarkSignal.None, tracker.Poll(Wall + TimeSpan.FromSeconds(20)));

        // A record that does not advance the watermark still re-announces it after idleness.
        var later = Wall + TimeSpan.FromSeconds(30);
        tracker.ObserveRecord(At(50), later);
        Assert.Equal(new WatermarkSignal(WatermarkSignalKind.Watermark, At(90)), tracker.Poll(later));
    }

    [Fact]
    public void Poll_PartitionWithoutRecords_BecomesIdle()
    {
        var tracker = new CustomerPartitionWatermark(0, MerchantWindowSettings.Default, Wall);
        Assert.Equal(WatermarkSignal.Idle, tracker.Poll(Wall + TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Snapshot_RoundTrip_ReAnnouncesTheWatermark()
    {
        var tracker = new CustomerPartitionWatermark(2, MerchantWindowSettings.Default, Wall);
        tracker.ObserveRecord(At(100), Wall);
        tracker.Poll(Wall);

        var restored = CustomerPartitionWatermark.Read(Snapshot(tracker.Write), MerchantWindowSettings.Default, Wall);
        Assert.Equal(2, restored.Partition);
        Assert.Equal(new WatermarkSignal(WatermarkSignalKind.Watermark, At(90)), restored.Poll(Wall));
    }
}
