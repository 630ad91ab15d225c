using System.Globalization;

namespace ActorStreams.TestKit;

/// <summary>
/// Test timing: the default expectation timeout (3 s) and the dilation factor read from the environment variable
/// <c>ACTORSTREAMS_TEST_TIMEFACTOR</c> (for example 3 on a slow CI machine).
/// </summary>
public static class TestKitSettings
{
    /// <summary>The environment variable holding the dilation factor.</summary>
    public const string TimeFactorVariable = "ACTORSTREAMS_TEST_TIMEFACTOR";

    /// <summary>The factor every test timeout is multiplied by; 1 unless the environment variable says otherwise.</summary>
    public static double TimeFactor { get; } = ReadTimeFactor();

    /// <summary>The default timeout of expectations, dilated.</summary>
    public static TimeSpan DefaultTimeout => Dilated(TimeSpan.FromSeconds(3));

    /// <summary><paramref name="duration"/> multiplied by <see cref="TimeFactor"/>; infinite stays infinite.</summary>
    public static TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));

    private static double ReadTimeFactor()
    {
        var text = Environment.GetEnvironmentVariable(TimeFactorVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1.0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) || factor <= 0 || double.IsInfinity(factor))
        {
            throw new InvalidOperationException($"{TimeFactorVariable} must be a positive number, got \"{text}\"");
        }

        return factor;
    }
}
