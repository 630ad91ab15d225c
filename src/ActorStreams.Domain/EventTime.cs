using System.Globalization;

namespace ActorStreams.Domain;

/// <summary>
/// A UTC instant as 100 ns ticks since the Unix epoch. Used for event time, watermarks and
/// the wall-clock instants the caller passes in (<c>detected_at</c>, idleness); it keeps the
/// full sub-millisecond precision of ISO-8601 input and compares as a plain <see cref="long"/>.
/// </summary>
/// <remarks>Serialized on the wire with <see cref="ToIsoString"/> (e.g. <c>2026-11-22T05:17:29.123Z</c>).</remarks>
/// <param name="Ticks">100 ns ticks since 1970-01-01T00:00:00Z (negative before it).</param>
public readonly record struct EventTime(long Ticks) : IComparable<EventTime>, IComparable
{
    private const long EpochTicks = 621_355_968_000_000_000L;

    /// <summary>The earliest representable instant; used as "no watermark yet".</summary>
    public static EventTime MinValue { get; } = new(long.MinValue);

    /// <summary>The latest representable instant.</summary>
    public static EventTime MaxValue { get; } = new(long.MaxValue);

    /// <summary>The Unix epoch, 1970-01-01T00:00:00Z.</summary>
    public static EventTime UnixEpoch { get; } = new(0);

    /// <summary>Converts a <see cref="DateTimeOffset"/> (any offset) to its UTC instant.</summary>
    public static EventTime FromDateTimeOffset(DateTimeOffset value) => new(value.UtcTicks - EpochTicks);

    /// <summary>Converts a <see cref="DateTime"/>; an unspecified kind is taken as UTC.</summary>
    public static EventTime FromDateTime(DateTime value) =>
        new((value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks - EpochTicks);

    /// <summary>The instant <paramref name="milliseconds"/> after the Unix epoch.</summary>
    public static EventTime FromUnixMilliseconds(long milliseconds) => new(milliseconds * TimeSpan.TicksPerMillisecond);

    /// <summary>Milliseconds since the Unix epoch, rounded down.</summary>
    public long UnixMilliseconds => Math.DivRem(Ticks, TimeSpan.TicksPerMillisecond, out var rem) - (rem < 0 ? 1 : 0);

    /// <summary>This instant as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ToDateTimeOffset() => new(Ticks + EpochTicks, TimeSpan.Zero);

    /// <summary>This instant as a UTC <see cref="DateTime"/>.</summary>
    public DateTime ToDateTime() => new(Ticks + EpochTicks, DateTimeKind.Utc);

    /// <summary>Rounds down to a multiple of <paramref name="size"/> since the epoch (e.g. the minute floor).</summary>
    public EventTime Floor(TimeSpan size)
    {
        var step = size.Ticks;
        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "must be positive");
        }

        var rem = Ticks % step;
        return new(rem < 0 ? Ticks - rem - step : Ticks - rem);
    }

    /// <summary>
    /// ISO-8601 UTC with milliseconds (<c>2026-11-22T05:17:29.123Z</c>), or with all seven
    /// fractional digits when the instant has sub-millisecond precision.
    /// </summary>
    public string ToIsoString() => ToDateTime().ToString(IsoFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes <see cref="ToIsoString"/> as UTF-8 without allocating.</summary>
    public bool TryFormatIso(Span<byte> utf8Destination, out int bytesWritten) =>
        ToDateTime().TryFormat(utf8Destination, out bytesWritten, IsoFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO-8601 timestamp; one without an offset is taken as UTC.</summary>
    public static bool TryParseIso(ReadOnlySpan<char> text, out EventTime value)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = FromDateTimeOffset(parsed);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The instant as <see cref="ToIsoString"/>.</summary>
    public override string ToString() => ToIsoString();

    /// <inheritdoc />
    public int CompareTo(EventTime other) => Ticks.CompareTo(other.Ticks);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        EventTime other => CompareTo(other),
        _ => throw new ArgumentException("Object must be an EventTime.", nameof(obj)),
    };

    /// <summary>Adds a duration.</summary>
    public static EventTime operator +(EventTime time, TimeSpan duration) => new(time.Ticks + duration.Ticks);

    /// <summary>Subtracts a duration.</summary>
    public static EventTime operator -(EventTime time, TimeSpan duration) => new(time.Ticks - duration.Ticks);

    /// <summary>The signed duration between two instants.</summary>
    public static TimeSpan operator -(EventTime left, EventTime right) => new(left.Ticks - right.Ticks);

    /// <summary>Earlier than.</summary>
    public static bool operator <(EventTime left, EventTime right) => left.Ticks < right.Ticks;

    /// <summary>Later than.</summary>
    public static bool operator >(EventTime left, EventTime right) => left.Ticks > right.Ticks;

    /// <summary>Earlier than or equal.</summary>
    public static bool operator <=(EventTime left, EventTime right) => left.Ticks <= right.Ticks;

    /// <summary>Later than or equal.</summary>
    public static bool operator >=(EventTime left, EventTime right) => left.Ticks >= right.Ticks;

    /// <summary>The later of two instants.</summary>
    public static EventTime Max(EventTime left, EventTime right) => left.Ticks >= right.Ticks ? left : right;

    /// <summary>The earlier of two instants.</summary>
    public static EventTime Min(EventTime left, EventTime right) => left.Ticks <= right.Ticks ? left : right;

    private string IsoFormat => Ticks % TimeSpan.TicksPerMillisecond == 0
        ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'"
        : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
}
