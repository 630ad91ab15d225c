using System.Globalization;

namespace ActorStreams.Warehouse.Lake;

/// <summary>One hour of the lake (a <c>dt=YYYY-MM-DD/hour=HH</c> partition): the unit the warehouse loads and replaces.</summary>
/// <param name="Start">The hour's first instant, in UTC, on the hour.</param>
public readonly record struct LakeHour(DateTimeOffset Start) : IComparable<LakeHour>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH", "yyyy-MM-dd'T'HH'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
    ];

    /// <summary>The first instant after the hour.</summary>
    public DateTimeOffset End => Start.AddHours(1);

    /// <summary>The hour's partition directories: <c>dt=2026-11-22/hour=05</c>.</summary>
    public string PartitionPath => string.Create(CultureInfo.InvariantCulture, $"dt={Start:yyyy-MM-dd}/hour={Start:HH}");

    /// <summary>The hour holding <paramref name="instant"/>.</summary>
    public static LakeHour Of(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new LakeHour(new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Parses <c>2026-11-22T05</c> or an instant on the hour such as <c>2026-11-22T05:00Z</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out LakeHour hour)
    {
        hour = default;
        if (text is null
            || !DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            || start.Minute != 0 || start.Second != 0 || start.Millisecond != 0)
        {
            return false;
        }

        hour = new LakeHour(start);
        return true;
    }

    /// <summary>The hour of partition directories <c>dt=YYYY-MM-DD</c> and <c>hour=HH</c>; false when they are not such names.</summary>
    public static bool TryParsePartition(string dtDirectory, string hourDirectory, out LakeHour hour)
    {
        hour = default;
        if (!dtDirectory.StartsWith("dt=", StringComparison.Ordinal) || !hourDirectory.StartsWith("hour=", StringComparison.Ordinal)
            || !DateOnly.TryParseExact(dtDirectory[3..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || hourDirectory.Length != 7 || !int.TryParse(hourDirectory[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var h) || h > 23)
        {
            return false;
        }

        hour = new LakeHour(new DateTimeOffset(day.ToDateTime(new TimeOnly(h, 0)), TimeSpan.Zero));
        return true;
    }

    /// <summary>Orders hours by time.</summary>
    public int CompareTo(LakeHour other) => Start.CompareTo(other.Start);

    /// <summary>True when <paramref name="left"/> is earlier.</summary>
    public static bool operator <(LakeHour left, LakeHour right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> is later.</summary>
    public static bool operator >(LakeHour left, LakeHour right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> is not later.</summary>
    public static bool operator <=(LakeHour left, LakeHour right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> is not earlier.</summary>
    public static bool operator >=(LakeHour left, LakeHour right) => left.CompareTo(right) >= 0;

    /// <summary><c>2026-11-22T05</c>, the form <c>--hour</c> takes.</summary>
    public override string ToString() => Start.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture);
}
