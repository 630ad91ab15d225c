namespace ActorStreams.Generator.Internal;

/// <summary>Formats event times as the contract's ISO-8601 UTC text (<c>2026-11-22T05:17:29.123Z</c>) without allocating.</summary>
internal static class IsoTimestamp
{
    public const int Length = 24;
    private const long EpochTicks = 621_355_968_000_000_000L;

    /// <summary>Writes the instant <paramref name="unixTicks"/> (100 ns ticks since the epoch, truncated to milliseconds).</summary>
    public static void Format(long unixTicks, Span<byte> destination)
    {
        var dateTime = new DateTime(EpochTicks + unixTicks, DateTimeKind.Utc);
        var (year, month, day) = dateTime;
        var timeOfDay = ((unixTicks % TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay;
        var millisOfDay = (int)(timeOfDay / TimeSpan.TicksPerMillisecond);
        var hours = millisOfDay / 3_600_000;
        var minutes = millisOfDay / 60_000 % 60;
        var seconds = millisOfDay / 1000 % 60;
        var millis = millisOfDay % 1000;

        Digits4(destination, year);
        destination[4] = (byte)'-';
        Digits2(destination[5..], month);
        destination[7] = (byte)'-';
        Digits2(destination[8..], day);
        destination[10] = (byte)'T';
        Digits2(destination[11..], hours);
        destination[13] = (byte)':';
        Digits2(destination[14..], minutes);
        destination[16] = (byte)':';
        Digits2(destination[17..], seconds);
        destination[19] = (byte)'.';
        destination[20] = (byte)('0' + (millis / 100));
        destination[21] = (byte)('0' + (millis / 10 % 10));
        destination[22] = (byte)('0' + (millis % 10));
        destination[23] = (byte)'Z';
    }

    /// <summary>Truncates to whole milliseconds (towards the past), the precision of generated timestamps.</summary>
    public static long FloorToMillisecond(long ticks) => ticks - (((ticks % TimeSpan.TicksPerMillisecond) + TimeSpan.TicksPerMillisecond) % TimeSpan.TicksPerMillisecond);

    private static void Digits4(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + (value / 1000));
        destination[1] = (byte)('0' + (value / 100 % 10));
        destination[2] = (byte)('0' + (value / 10 % 10));
        destination[3] = (byte)('0' + (value % 10));
    }

    private static void Digits2(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + (value / 10));
        destination[1] = (byte)('0' + (value % 10));
    }
}
