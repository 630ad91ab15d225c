namespace ActorStreams.Domain.Tests;

[Trait("Category", "Unit")]
public sealed class EventTimeTests
{
    [Fact]
    public void ToIsoString_Milliseconds_UsesThreeDigitsAndZ()
    {
        var time = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 5, 17, 29, 123, TimeSpan.Zero));
        Assert.Equal("2026-11-22T05:17:29.123Z", time.ToIsoString());
        Assert.Equal("2026-11-22T05:17:00.000Z", time.Floor(TimeSpan.FromMinutes(1)).ToIsoString());
    }

    [Fact]
    public void TryParseIso_SubMillisecond_KeepsFullPrecision()
    {
        Assert.True(EventTime.TryParseIso("2026-11-22T05:17:29.1234567Z", out var time));
        Assert.Equal(1_234_567, time.Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal("2026-11-22T05:17:29.1234567Z", time.ToIsoString());
        Assert.True(EventTime.TryParseIso("2026-11-22T06:17:29.5+01:00", out var offset));
        Assert.Equal("2026-11-22T05:17:29.500Z", offset.ToIsoString());
        Assert.False(EventTime.TryParseIso("not a time", out _));
    }

    [Fact]
    public void TryFormatIso_WritesUtf8()
    {
        var time = EventTime.FromUnixMilliseconds(1_795_000_000_123);
        Span<byte> buffer = stackalloc byte[64];
        Assert.True(time.TryFormatIso(buffer, out var written));
        Assert.Equal(time.ToIsoString(), System.Text.Encoding.UTF8.GetString(buffer[..written]));
        Assert.Equal(1_795_000_000_123, time.UnixMilliseconds);
    }

    [Fact]
    public void Floor_BeforeEpoch_RoundsDown()
    {
        var time = new EventTime(-1);
        Assert.Equal(new EventTime(-TimeSpan.TicksPerMinute), time.Floor(TimeSpan.FromMinutes(1)));
        Assert.Equal(-1, time.UnixMilliseconds);
    }
}
