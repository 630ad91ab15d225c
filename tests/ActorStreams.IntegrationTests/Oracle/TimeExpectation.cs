using System.Globalization;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// An expected <c>event_time</c>: an exact §5 timestamp, or, for an activity without one ("absent = processing time",
/// docs/design.md §5), any instant from the input record's broker timestamp up to the moment the output is checked.
/// </summary>
public sealed record TimeExpectation(string? Exact, long FromMs)
{
    /// <summary>Exactly <paramref name="instant"/>, written <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public static TimeExpectation At(DateTimeOffset instant) => new(Scenario.Json.Iso(instant), 0);

    /// <summary>Processing time of a record the broker stamped at <paramref name="recordTimestampMs"/>.</summary>
    public static TimeExpectation ProcessingTime(long recordTimestampMs) => new(null, recordTimestampMs);

    /// <summary>True when <paramref name="actual"/> is the expected timestamp (or within the processing-time range ending at <paramref name="nowMs"/>).</summary>
    public bool Matches(string? actual, long nowMs)
    {
        if (Exact is not null)
        {
            return string.Equals(actual, Exact, StringComparison.Ordinal);
        }

        if (actual is null || !InputValidation.TryParseInstant(actual, out var instant))
        {
            return false;
        }

        var ms = instant.ToUnixTimeMilliseconds();
        return ms >= FromMs && ms <= nowMs;
    }

    /// <inheritdoc />
    public override string ToString() => Exact ?? string.Create(CultureInfo.InvariantCulture, $"processing time in [{Scenario.Json.Iso(DateTimeOffset.FromUnixTimeMilliseconds(FromMs))}, now]");
}
