namespace ActorStreams.Hocon.Tests;

[Trait("Category", "Unit")]
public sealed class HoconDurationTests
{
    public static TheoryData<string, long> Durations() => new()
    {
        { "100", 100 * TimeSpan.TicksPerMillisecond },
        { "100ms", 100 * TimeSpan.TicksPerMillisecond },
        { "  100 ms  ", 100 * TimeSpan.TicksPerMillisecond },
        { "5 milliseconds", 5 * TimeSpan.TicksPerMillisecond },
        { "1 millisecond", TimeSpan.TicksPerMillisecond },
        { "3 milli", 3 * TimeSpan.TicksPerMillisecond },
        { "3 millis", 3 * TimeSpan.TicksPerMillisecond },
        { "10s", 10 * TimeSpan.TicksPerSecond },
        { "1 second", TimeSpan.TicksPerSecond },
        { "2 seconds", 2 * TimeSpan.TicksPerSecond },
        { "5m", 5 * TimeSpan.TicksPerMinute },
        { "5 minutes", 5 * TimeSpan.TicksPerMinute },
        { "1 minute", TimeSpan.TicksPerMinute },
        { "2h", 2 * TimeSpan.TicksPerHour },
        { "1 hour", TimeSpan.TicksPerHour },
        { "3 hours", 3 * TimeSpan.TicksPerHour },
        { "1d", TimeSpan.TicksPerDay },
        { "1 day", TimeSpan.TicksPerDay },
        { "7 days", 7 * TimeSpan.TicksPerDay },
        { "1500us", 15_000 },
        { "2 micros", 20 },
        { "1 micro", 10 },
        { "1 microsecond", 10 },
        { "4 microseconds", 40 },
        { "1000ns", 10 },
        { "250 nanos", 2 },
        { "100 nano", 1 },
        { "1 nanosecond", 0 },
        { "300 nanoseconds", 3 },
        { "1.5s", 15_000_000 },
        { "0.5 h", 30 * TimeSpan.TicksPerMinute },
        { ".5s", 5_000_000 },
        { "1e3", 1000 * TimeSpan.TicksPerMillisecond },
        { "-5s", -5 * TimeSpan.TicksPerSecond },
        { "+2m", 2 * TimeSpan.TicksPerMinute },
        { "0", 0 },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Parse_ValidDuration_GivesTheTicks(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), HoconDuration.Parse(text));
        Assert.True(HoconDuration.TryParse(text, out var parsed));
        Assert.Equal(TimeSpan.FromTicks(ticks), parsed);
    }

    [Theory]
    [InlineData("", "\"\" is not a duration: there is no number")]
    [InlineData("abc", "\"abc\" is not a duration: there is no number")]
    [InlineData("10S", "\"10S\" is not a duration: unknown time unit \"S\" (use ns, us, ms, s, m, h or d, or a long form such as seconds or minutes)")]
    [InlineData("10 weeks", "\"10 weeks\" is not a duration: unknown time unit \"weeks\" (use ns, us, ms, s, m, h or d, or a long form such as seconds or minutes)")]
    [InlineData("1 2 s", "\"1 2 s\" is not a duration: '1 2' is not a number")]
    [InlineData("1,5s", "\"1,5s\" is not a duration: '1,5' is not a number")]
    [InlineData("s10", "\"s10\" is not a duration: 's10' is not a number")]
    [InlineData("99999999999d", "\"99999999999d\" is not a duration: the duration is out of range")]
    [InlineData("1e20d", "\"1e20d\" is not a duration: the duration is out of range")]
    [InlineData("1e30d", "\"1e30d\" is not a duration: the number is out of range")]
    public void Parse_Invalid_ThrowsFormatExceptionSayingWhy(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => HoconDuration.Parse(text)).Message);
        Assert.False(HoconDuration.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_Null_IsFalse()
    {
        Assert.False(HoconDuration.TryParse(null, out _));
    }
}
