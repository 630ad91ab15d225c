using ActorStreams.Domain.Merchants;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Merchants;

[Trait("Category", "Unit")]
public sealed class MerchantPartitionWatermarksTests
{
    [Fact]
    public void Current_SourceNeverReported_HoldsItBack()
    {
        var watermarks = new MerchantPartitionWatermarks(2);
        Assert.Equal(PartitionWatermarkChange.None, watermarks.OnWatermark(0, At(100)));
        Assert.Equal(EventTime.MinValue, watermarks.Current);

        Assert.Equal(PartitionWatermarkChange.Advanced, watermarks.OnData(1, At(50)));
        Assert.Equal(At(50), watermarks.Current);
    }

    [Fact]
    public void Current_IsMinimumOverSources_AndOnlyMovesForward()
    {
        var watermarks = new MerchantPartitionWatermarks(2);
        watermarks.OnWatermark(0, At(100));
        watermarks.OnWatermark(1, At(80));
        Assert.Equal(At(80), watermarks.Current);

        Assert.Equal(PartitionWatermarkChange.None, watermarks.OnWatermark(1, At(60)));
        Assert.Equal(At(80), watermarks.SourceWatermark(1));
        Assert.Equal(PartitionWatermarkChange.Advanced, watermarks.OnWatermark(1, At(120)));
        Assert.Equal(At(100), watermarks.Current);
    }

    [Fact]
    public void OnIdle_LeavesSourceOutUntilItsNextRecord()
    {
        var watermarks = new MerchantPartitionWatermarks(3);
        watermarks.OnWatermark(0, At(100));
        watermarks.OnWatermark(1, At(90));

        // Source 2 never reported: it holds the watermark back until it declares itself idle.
        Assert.Equal(EventTime.MinValue, watermarks.Current);
        Assert.Equal(PartitionWatermarkChange.Advanced, watermarks.OnIdle(2));
        Assert.Equal(At(90), watermarks.Current);

        Assert.Equal(PartitionWatermarkChange.Advanced, watermarks.OnIdle(1));
        Assert.Equal(At(100), watermarks.Current);
        Assert.True(watermarks.IsIdle(1));

        // Back with a lower watermark: active again, but the partition watermark does not go back.
        Assert.Equal(PartitionWatermarkChange.None, watermarks.OnData(1, At(95)));
        Assert.False(watermarks.IsIdle(1));
        Assert.Equal(At(100), watermarks.Current);
        Assert.Equal(PartitionWatermarkChange.None, watermarks.OnWatermark(1, At(150)));
        Assert.Equal(PartitionWatermarkChange.Advanced, watermarks.OnWatermark(0, At(130)));
        Assert.Equal(At(130), watermarks.Current);
    }

    [Fact]
    public void OnIdle_AllSources_SignalsAllIdleOnce()
    {
        var watermarks = new MerchantPartitionWatermarks(2);
        watermarks.OnWatermark(0, At(10));
        Assert.NotEqual(PartitionWatermarkChange.AllIdle, watermarks.OnIdle(0));
        Assert.Equal(PartitionWatermarkChange.AllIdle, watermarks.OnIdle(1));
        Assert.True(watermarks.AllIdle);
        Assert.Equal(PartitionWatermarkChange.None, watermarks.OnIdle(1));
    }

    [Fact]
    public void OnData_UnknownSource_Throws()
    {
        var watermarks = new MerchantPartitionWatermarks(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => watermarks.OnData(2, At(0)));
    }

    [Fact]
    public void Snapshot_RoundTrip_KeepsStatusAndWatermarks()
    {
        var watermarks = new MerchantPartitionWatermarks(3);
        watermarks.OnWatermark(0, At(10));
        watermarks.OnIdle(1);
        var restored = MerchantPartitionWatermarks.Read(Snapshot(watermarks.Write), 4);

        Assert.Equal(4, restored.SourceCount);
        Assert.True(restored.IsIdle(1));
        Assert.Equal(At(10), restored.SourceWatermark(0));
        Assert.Equal(EventTime.MinValue, restored.SourceWatermark(3));
        Assert.Equal(PartitionWatermarkChange.None, restored.OnWatermark(2, At(20)));
        Assert.Equal(PartitionWatermarkChange.Advanced, restored.OnIdle(3));
        Assert.Equal(At(10), restored.Current);
    }
}
