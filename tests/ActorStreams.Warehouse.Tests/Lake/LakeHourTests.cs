using ActorStreams.Warehouse.Lake;

namespace ActorStreams.Warehouse.Tests.Lake;

[Trait("Category", "Unit")]
public sealed class LakeHourTests
{
    [Theory]
    [InlineData("2026-11-22T05")]
    [InlineData("2026-11-22T05Z")]
    [InlineData("2026-11-22T05:00Z")]
    [InlineData("2026-11-22T05:00:00Z")]
    public void TryParse_HourForms_GiveTheHour(string text)
    {
        Assert.True(LakeHour.TryParse(text, out var hour));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero), hour.Start);
        Assert.Equal("dt=2026-11-22/hour=05", hour.PartitionPath);
        Assert.Equal("2026-11-22T05", hour.ToString());
    }

    [Theory]
    [InlineData("2026-11-22T05:30Z")]
    [InlineData("2026-11-22")]
    [InlineData("2026-11-22T25")]
    [InlineData("yesterday")]
    public void TryParse_NotAnHour_IsFalse(string text) => Assert.False(LakeHour.TryParse(text, out _));

    [Fact]
    public void TryParsePartition_HiveDirectories_GiveTheHour()
    {
        Assert.True(LakeHour.TryParsePartition("dt=2026-11-22", "hour=23", out var hour));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), hour.Start);
        Assert.False(LakeHour.TryParsePartition("dt=2026-11-22", "hour=5", out _));
    }
}
