namespace ActorStreams.Domain.Fraud;

/// <summary>
/// Thresholds of the fraud rules (docs/design.md §6); the defaults are the contract's numbers.
/// Built from <c>actorstreams.rules</c> by the entities layer.
/// </summary>
public sealed record FraudRuleSettings
{
    /// <summary>The contract defaults.</summary>
    public static FraudRuleSettings Default { get; } = new();

    /// <summary>HIGH_AMOUNT fires when the amount is strictly greater than this.</summary>
    public decimal HighAmountThreshold { get; init; } = 2000.00m;

    /// <summary>RAPID_FIRE counts transactions with <c>t_i − window ≤ t_j ≤ t_i</c>.</summary>
    public TimeSpan RapidFireWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>RAPID_FIRE fires when that count is at least this.</summary>
    public int RapidFireMinCount { get; init; } = 3;

    /// <summary>VELOCITY sums amounts with <c>t_i − window ≤ t_j ≤ t_i</c>.</summary>
    public TimeSpan VelocityWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>VELOCITY fires when that sum is strictly greater than this.</summary>
    public decimal VelocityAmountThreshold { get; init; } = 1000.00m;

    /// <summary>After a RAPID_FIRE or VELOCITY alert at <c>t_a</c>, that rule fires again only when <c>t_i ≥ t_a + cooldown</c>.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>IMPOSSIBLE_TRAVEL needs a distance strictly greater than this (km).</summary>
    public double TravelMinDistanceKm { get; init; } = 500;

    /// <summary>IMPOSSIBLE_TRAVEL needs an implied speed strictly greater than this (km/h).</summary>
    public double TravelMaxSpeedKmh { get; init; } = 900;

    /// <summary>NEW_DEVICE remembers this many distinct most-recently-used devices.</summary>
    public int DeviceHistorySize { get; init; } = 10;

    /// <summary>NEW_DEVICE fires only when the amount is strictly greater than this.</summary>
    public decimal NewDeviceMinAmount { get; init; } = 500.00m;

    /// <summary>A transaction is late when <c>t &lt; maxT − allowed lateness</c>.</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        RequireNonNegative(HighAmountThreshold, nameof(HighAmountThreshold));
        RequireNonNegative(RapidFireWindow, nameof(RapidFireWindow));
        if (RapidFireMinCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RapidFireMinCount), RapidFireMinCount, "must be at least 1");
        }

        RequireNonNegative(VelocityWindow, nameof(VelocityWindow));
        RequireNonNegative(VelocityAmountThreshold, nameof(VelocityAmountThreshold));
        RequireNonNegative(Cooldown, nameof(Cooldown));
        if (!(TravelMinDistanceKm >= 0) || double.IsInfinity(TravelMinDistanceKm))
        {
            throw new ArgumentOutOfRangeException(nameof(TravelMinDistanceKm), TravelMinDistanceKm, "must be a finite number ≥ 0");
        }

        if (!(TravelMaxSpeedKmh >= 0) || double.IsInfinity(TravelMaxSpeedKmh))
        {
            throw new ArgumentOutOfRangeException(nameof(TravelMaxSpeedKmh), TravelMaxSpeedKmh, "must be a finite number ≥ 0");
        }

        if (DeviceHistorySize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(DeviceHistorySize), DeviceHistorySize, "must be between 1 and 1000");
        }

        RequireNonNegative(NewDeviceMinAmount, nameof(NewDeviceMinAmount));
        RequireNonNegative(AllowedLateness, nameof(AllowedLateness));
    }

    /// <summary>How far back of <c>maxT</c> window entries can still matter: lateness plus the longer window.</summary>
    internal long RetentionTicks =>
        AllowedLateness.Ticks + Math.Max(RapidFireWindow.Ticks, VelocityWindow.Ticks);

    private static void RequireNonNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a duration ≥ 0");
        }
    }

    private static void RequireNonNegative(decimal value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be ≥ 0");
        }
    }
}
