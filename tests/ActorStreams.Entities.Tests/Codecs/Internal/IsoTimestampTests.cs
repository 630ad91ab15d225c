using System.Text;
using ActorStreams.Domain;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Tests.Codecs.Internal;

[Trait("Category", "Unit")]
public sealed class IsoTimestampTests
{
    [Theory]
    [InlineData("2026-11-22T05:17:29Z", "2026-11-22T05:17:29.000Z")]
    [InlineData("2026-11-22T05:17:29.1Z", "2026-11-22T05:17:29.100Z")]
    [InlineData("2026-11-22T05:17:29.123Z", "2026-11-22T05:17:29.123Z")]
    [InlineData("2026-11-22T05:17:29.1234567Z", "2026-11-22T05:17:29.1234567Z")]
    [InlineData("2026-11-22T05:17:29.12345678901234Z", "2026-11-22T05:17:29.1234567Z")]
    [InlineData("2026-11-22T05:17:29.123+00:00", "2026-11-22T05:17:29.123Z")]
    [InlineData("2026-11-22T05:17:29.123-00:00", "2026-11-22T05:17:29.123Z")]
    [InlineData("2026-11-22T06:47:29.123+0130", "2026-11-22T05:17:29.123Z")]
    [InlineData("2026-11-22T00:17:29.123-05:00", "2026-11-22T05:17:29.123Z")]
    [InlineData("2026-11-22T05:17:29.123", "2026-11-22T05:17:29.123Z")]
    [InlineData("2026-11-22t05:17:29.123z", "2026-11-22T05:17:29.123Z")]
    [InlineData("2026-11-22 05:17:29.123Z", "2026-11-22T05:17:29.123Z")]
    [InlineData("2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59.999Z")]
    [InlineData("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z")]
    public void TryParse_Iso8601_GivesTheUtcInstant(string text, string expected)
    {
        Assert.True(IsoTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out var time));

        Assert.Equal(expected, time.ToIsoString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-22")]
    [InlineData("2026-11-22T05:17Z")]
    [InlineData("2026-11-22T05:17:29.Z")]
    [InlineData("2026-11-22T05:17:29.123ZZ")]
    [InlineData("2026-11-22T05:17:29.123 Z")]
    [InlineData("2026-11-22T05:17:29.123+01")]
    [InlineData("2026-11-22T05:17:29.123+01:0")]
    [InlineData("2026-11-22T05:17:29.123+24:00")]
    [InlineData("2026-11-22T05:17:29,123Z")]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-00-01T00:00:00Z")]
    [InlineData("2026-11-00T00:00:00Z")]
    [InlineData("2026-11-22T24:00:00Z")]
    [InlineData("2026-11-22T05:60:00Z")]
    [InlineData("2026-11-22T05:17:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("+2026-11-22T05:17:29Z")]
    [InlineData("2026/11/22T05:17:29Z")]
    [InlineData("２026-11-22T05:17:29Z")]
    public void TryParse_NotIso8601_IsFalse(string text)
    {
        Assert.False(IsoTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Format_FullPrecision_EqualsEventTimeIsoAndParsesBack()
    {
        var random = new Random(11);
        Span<byte> buffer = stackalloc byte[IsoTimestamp.MaxFormattedLength];
        for (var i = 0; i < 20_000; i++)
        {
            var ticks = random.NextInt64(-621_355_968_000_000_000L, 2_534_023_007_999_999_999L);
            var time = new EventTime(i % 2 == 0 ? ticks : ticks - (ticks % TimeSpan.TicksPerMillisecond));

            var length = IsoTimestamp.Format(time, buffer, fullPrecision: true);

            Assert.Equal(time.ToIsoString(), Encoding.UTF8.GetString(buffer[..length]));
            Assert.True(IsoTimestamp.TryParse(buffer[..length], out var parsed));
            Assert.Equal(time, parsed);
        }
    }

    [Theory]
    [InlineData("2026-11-22T05:17:29.1239999Z", "2026-11-22T05:17:29.123Z")]
    [InlineData("1969-12-31T23:59:59.9995Z", "1969-12-31T23:59:59.999Z")]
    [InlineData("2026-11-22T05:17:29.123Z", "2026-11-22T05:17:29.123Z")]
    public void Format_Milliseconds_RoundsDown(string input, string expected)
    {
        Assert.True(EventTime.TryParseIso(input, out var time));
        Span<byte> buffer = stackalloc byte[IsoTimestamp.MaxFormattedLength];

        var length = IsoTimestamp.Format(time, buffer, fullPrecision: false);

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..length]));
    }

    [Fact]
    public void Format_OutsideYears1To9999_Throws()
    {
        var buffer = new byte[IsoTimestamp.MaxFormattedLength];

        Assert.Throws<ArgumentOutOfRangeException>(() => IsoTimestamp.Format(EventTime.MinValue, buffer, fullPrecision: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoTimestamp.Format(EventTime.MaxValue, buffer, fullPrecision: false));
    }
}
