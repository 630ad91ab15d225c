using ActorStreams.Domain;

namespace ActorStreams.Entities.Codecs.Internal;

/// <summary>
/// ISO-8601 timestamps as UTF-8, parsed and formatted by hand: the general-purpose
/// <see cref="DateTimeOffset"/> parser and custom format strings cost several times more per field,
/// and every record carries one to three timestamps.
/// </summary>
internal static class IsoTimestamp
{
    /// <summary>Enough for <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (28 bytes).</summary>
    public const int MaxFormattedLength = 28;

    /// <summary>Epoch milliseconds of 0001-01-01T00:00:00Z, the earliest instant accepted.</summary>
    public const long MinUnixMilliseconds = -62_135_596_800_000L;

    /// <summary>Epoch milliseconds of 9999-12-31T23:59:59.999Z, the latest instant accepted.</summary>
    public const long MaxUnixMilliseconds = 253_402_300_799_999L;

    private const long EpochTicks = 621_355_968_000_000_000L;
    private const long MinTicks = -EpochTicks;
    private const long MaxTicks = 3_155_378_975_999_999_999L - EpochTicks;

    /// <summary>True when <paramref name="time"/> lies in years 0001–9999, the range ISO-8601 text can carry.</summary>
    public static bool IsRepresentable(EventTime time) => time.Ticks is >= MinTicks and <= MaxTicks;

    /// <summary>
    /// Parses <c>yyyy-MM-ddTHH:mm:ss[.f…][Z|±hh:mm|±hhmm]</c> (<c>T</c> may be <c>t</c> or a space, <c>Z</c> may be
    /// <c>z</c>): any number of fraction digits (beyond the seventh they are truncated), an offset converted
    /// to UTC, and no offset taken as UTC.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out EventTime value)
    {
        value = default;
        if (text.Length < 19
            || !TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day) || text[10] is not ((byte)'T' or (byte)'t' or (byte)' ')
            || !TryDigits(text, 11, 2, out var hour) || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute) || text[16] != ':'
            || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        long fraction = 0;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            var start = position;
            long scale = TimeSpan.TicksPerSecond;
            while (position < text.Length && IsDigit(text[position]))
            {
                if (scale > 1)
                {
                    scale /= 10;
                    fraction += (text[position] - '0') * scale;
                }

                position++;
            }

            if (position == start)
            {
                return false;
            }
        }

        long offsetTicks = 0;
        if (position < text.Length)
        {
            var sign = text[position];
            if (sign is (byte)'Z' or (byte)'z')
            {
                position++;
            }
            else if (sign is (byte)'+' or (byte)'-')
            {
                // ±hh:mm or ±hhmm
                var colon = text.Length - position == 6 && text[position + 3] == ':';
                if (text.Length - position != (colon ? 6 : 5)
                    || !TryDigits(text, position + 1, 2, out var offsetHours)
                    || !TryDigits(text, position + (colon ? 4 : 3), 2, out var offsetMinutes)
                    || offsetHours > 23 || offsetMinutes > 59)
                {
                    return false;
                }

                offsetTicks = ((offsetHours * 60L) + offsetMinutes) * TimeSpan.TicksPerMinute * (sign == '-' ? -1 : 1);
                position = text.Length;
            }

            if (position != text.Length)
            {
                return false;
            }
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction - offsetTicks - EpochTicks;
        if (ticks is < MinTicks or > MaxTicks)
        {
            return false;
        }

        value = new EventTime(ticks);
        return true;
    }

    /// <summary>
    /// Writes <paramref name="time"/> as <see cref="EventTime.ToIsoString"/> does: milliseconds and <c>Z</c>, or seven
    /// fraction digits when the instant has sub-millisecond precision and <paramref name="fullPrecision"/> is set;
    /// without it the instant is rounded down to the millisecond.
    /// </summary>
    /// <returns>The number of bytes written (24 or 28).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The instant lies outside years 0001–9999.</exception>
    public static int Format(EventTime time, Span<byte> destination, bool fullPrecision)
    {
        if (!IsRepresentable(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time.Ticks, "the instant is outside years 0001-9999 and has no ISO-8601 form");
        }

        var ticks = time.Ticks + EpochTicks;
        var subSecond = (int)(ticks % TimeSpan.TicksPerSecond);
        var sevenDigits = fullPrecision && subSecond % TimeSpan.TicksPerMillisecond != 0;
        var length = sevenDigits ? 28 : 24;
        if (destination.Length < length)
        {
            throw new ArgumentException("destination is too small", nameof(destination));
        }

        var (year, month, day) = new DateTime(ticks, DateTimeKind.Utc);
        var secondOfDay = (int)(ticks / TimeSpan.TicksPerSecond % 86_400);
        Write4(destination, 0, year);
        destination[4] = (byte)'-';
        Write2(destination, 5, month);
        destination[7] = (byte)'-';
        Write2(destination, 8, day);
        destination[10] = (byte)'T';
        Write2(destination, 11, secondOfDay / 3600);
        destination[13] = (byte)':';
        Write2(destination, 14, secondOfDay / 60 % 60);
        destination[16] = (byte)':';
        Write2(destination, 17, secondOfDay % 60);
        destination[19] = (byte)'.';
        if (sevenDigits)
        {
            Write4(destination, 20, subSecond / 1000);
            Write3(destination, 24, subSecond % 1000);
        }
        else
        {
            Write3(destination, 20, subSecond / (int)TimeSpan.TicksPerMillisecond);
        }

        destination[length - 1] = (byte)'Z';
        return length;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    private static void Write2(Span<byte> destination, int at, int value)
    {
        destination[at] = (byte)('0' + (value / 10));
        destination[at + 1] = (byte)('0' + (value % 10));
    }

    private static void Write3(Span<byte> destination, int at, int value)
    {
        destination[at] = (byte)('0' + (value / 100));
        Write2(destination, at + 1, value % 100);
    }

    private static void Write4(Span<byte> destination, int at, int value)
    {
        Write2(destination, at, value / 100);
        Write2(destination, at + 2, value % 100);
    }
}
