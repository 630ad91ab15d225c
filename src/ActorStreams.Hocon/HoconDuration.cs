using ActorStreams.Hocon.Internal;

namespace ActorStreams.Hocon;

/// <summary>
/// Parses HOCON durations: a number and an optional unit, such as <c>10s</c>, <c>5 minutes</c>,
/// <c>1.5h</c> or <c>100</c> (milliseconds). Units are case-sensitive: <c>ns</c>, <c>us</c>, <c>ms</c>,
/// <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c> and their long forms (<c>nanos</c>, <c>micro</c>,
/// <c>millis</c>, <c>seconds</c>, <c>minute</c>, <c>hours</c>, <c>days</c>...). Precision is one tick (100 ns).
/// </summary>
public static class HoconDuration
{
    private const decimal TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    private static readonly Dictionary<string, decimal> TicksPerUnit = BuildUnits();

    /// <summary>Parses a duration.</summary>
    /// <param name="text">The duration text.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">The text is not a duration; the message says why.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value, out var error) ? value : throw new FormatException($"\"{text}\" is not a duration: {error}");
    }

    /// <summary>Parses a duration without throwing.</summary>
    /// <param name="text">The duration text.</param>
    /// <param name="value">The duration when this returns true.</param>
    /// <returns>True when <paramref name="text"/> is a valid duration.</returns>
    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text ?? string.Empty, out value, out _);

    internal static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = default;
        if (!UnitValue.TrySplit(text, out var number, out var unit, out error))
        {
            return false;
        }

        if (!TicksPerUnit.TryGetValue(unit, out var ticksPerUnit))
        {
            error = $"unknown time unit \"{unit}\" (use ns, us, ms, s, m, h or d, or a long form such as seconds or minutes)";
            return false;
        }

        return FromTicks(number, ticksPerUnit, out value, out error);
    }

    /// <summary>A bare number is milliseconds.</summary>
    internal static bool FromMilliseconds(decimal milliseconds, out TimeSpan value, out string error) =>
        FromTicks(milliseconds, TicksPerMillisecond, out value, out error);

    private static bool FromTicks(decimal number, decimal ticksPerUnit, out TimeSpan value, out string error)
    {
        value = default;
        decimal ticks;
        try
        {
            ticks = decimal.Truncate(number * ticksPerUnit);
        }
        catch (OverflowException)
        {
            ticks = decimal.MaxValue;
        }

        if (ticks > long.MaxValue || ticks < long.MinValue)
        {
            error = "the duration is out of range";
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        error = string.Empty;
        return true;
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Add(TimeSpan.TicksPerMicrosecond / 1000m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(TimeSpan.TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TicksPerMillisecond, string.Empty, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;

        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units.Add(name, ticks);
            }
        }
    }
}
