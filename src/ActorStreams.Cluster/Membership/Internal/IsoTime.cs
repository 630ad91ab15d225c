using System.Globalization;

namespace ActorStreams.Cluster.Membership.Internal;

/// <summary>The timestamps of membership records and events: ISO-8601 UTC with milliseconds (<c>2026-11-22T05:17:29.123Z</c>).</summary>
internal static class IsoTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
