namespace ActorStreams.Domain.Loans;

/// <summary>
/// The loan analytics of docs/design.md §6 (<c>actorstreams.loans</c>): the risk formula's weights and caps, the fraud
/// rules' thresholds, the credit segments and the statistics windows. The defaults are the contract's numbers.
/// </summary>
public sealed record LoanSettings
{
    /// <summary>The contract defaults.</summary>
    public static LoanSettings Default { get; } = new();

    /// <summary>Points of a credit score of 300 (falling linearly to 0 at 850).</summary>
    public double CreditWeight { get; init; } = 40;

    /// <summary>Points of a debt-to-income ratio at or above <see cref="DtiCap"/>.</summary>
    public double DtiWeight { get; init; } = 30;

    /// <summary>The debt-to-income ratio that earns all of <see cref="DtiWeight"/>.</summary>
    public double DtiCap { get; init; } = 0.6;

    /// <summary>Points of a loan-to-income ratio at or above <see cref="LtiCap"/>.</summary>
    public double LtiWeight { get; init; } = 20;

    /// <summary>The loan-to-income ratio that earns all of <see cref="LtiWeight"/>.</summary>
    public double LtiCap { get; init; } = 5;

    /// <summary>Points of an employment shorter than <see cref="MinEmploymentYears"/>.</summary>
    public double EmploymentWeight { get; init; } = 10;

    /// <summary>Employment (years) below which <see cref="EmploymentWeight"/> applies.</summary>
    public decimal MinEmploymentYears { get; init; } = 1;

    /// <summary>Scores at or above this are MEDIUM (below: LOW).</summary>
    public double MediumRiskFrom { get; init; } = 25;

    /// <summary>Scores at or above this are HIGH.</summary>
    public double HighRiskFrom { get; init; } = 50;

    /// <summary>Scores at or above this are CRITICAL.</summary>
    public double CriticalRiskFrom { get; init; } = 75;

    /// <summary>IDENTITY_MISMATCH fires when identity_verification_score is strictly below this.</summary>
    public double IdentityThreshold { get; init; } = 0.3;

    /// <summary>BOT_SPEED fires when application_duration_s is strictly below this.</summary>
    public decimal BotSpeedSeconds { get; init; } = 30;

    /// <summary>DEVICE_SHARED fires when at least this many distinct customers used the device within <see cref="DeviceWindow"/>.</summary>
    public int DeviceMinCustomers { get; init; } = 3;

    /// <summary>DEVICE_SHARED looks at the applications with <c>t_i − window ≤ t_j ≤ t_i</c>.</summary>
    public TimeSpan DeviceWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>APPLICATION_BURST fires when the customer has at least this many applications within <see cref="BurstWindow"/>.</summary>
    public int BurstMinCount { get; init; } = 3;

    /// <summary>APPLICATION_BURST counts the applications with <c>t_i − window ≤ t_j ≤ t_i</c>.</summary>
    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>An application is late for APPLICATION_BURST when <c>t &lt; maxT − allowed lateness</c> (the customer's newest application time).</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>credit_score at or above this is prime.</summary>
    public int PrimeMinScore { get; init; } = 720;

    /// <summary>credit_score at or above this (and below prime) is near prime; below it, subprime.</summary>
    public int NearPrimeMinScore { get; init; } = 660;

    /// <summary>Length of the statistics windows (loan-stats, loan-segments, loan-channels).</summary>
    public TimeSpan WindowSize { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        RequireNonNegative(CreditWeight, nameof(CreditWeight));
        RequireNonNegative(DtiWeight, nameof(DtiWeight));
        RequirePositive(DtiCap, nameof(DtiCap));
        RequireNonNegative(LtiWeight, nameof(LtiWeight));
        RequirePositive(LtiCap, nameof(LtiCap));
        RequireNonNegative(EmploymentWeight, nameof(EmploymentWeight));
        if (MinEmploymentYears < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinEmploymentYears), MinEmploymentYears, "must not be negative");
        }

        if (!(MediumRiskFrom >= 0 && MediumRiskFrom <= HighRiskFrom && HighRiskFrom <= CriticalRiskFrom && CriticalRiskFrom <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(MediumRiskFrom), $"{MediumRiskFrom}, {HighRiskFrom}, {CriticalRiskFrom}",
                "the risk levels' lower bounds must satisfy 0 ≤ medium ≤ high ≤ critical ≤ 100");
        }

        if (!(IdentityThreshold >= 0 && IdentityThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(IdentityThreshold), IdentityThreshold, "must be in [0, 1]");
        }

        if (BotSpeedSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BotSpeedSeconds), BotSpeedSeconds, "must not be negative");
        }

        RequireAtLeastOne(DeviceMinCustomers, nameof(DeviceMinCustomers));
        RequirePositive(DeviceWindow, nameof(DeviceWindow));
        RequireAtLeastOne(BurstMinCount, nameof(BurstMinCount));
        RequirePositive(BurstWindow, nameof(BurstWindow));
        if (AllowedLateness < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AllowedLateness), AllowedLateness, "must not be negative");
        }

        if (!(NearPrimeMinScore <= PrimeMinScore))
        {
            throw new ArgumentOutOfRangeException(nameof(NearPrimeMinScore), NearPrimeMinScore, $"must not exceed the prime minimum {PrimeMinScore}");
        }

        RequirePositive(WindowSize, nameof(WindowSize));
        if (TimeSpan.FromDays(1).Ticks % WindowSize.Ticks != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WindowSize), WindowSize, "must divide a day evenly");
        }
    }

    private static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number ≥ 0");
        }
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number > 0");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be positive");
        }
    }

    private static void RequireAtLeastOne(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be at least 1");
        }
    }
}
