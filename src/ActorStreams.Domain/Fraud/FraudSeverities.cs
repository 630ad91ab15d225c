namespace ActorStreams.Domain.Fraud;

/// <summary>
/// The wire values of <c>severity</c>. Each rule has a fixed severity: travel that cannot be
/// physical is critical; a very large amount or spend velocity is high; bursts and new devices,
/// common for legitimate customers too, are medium.
/// </summary>
public static class FraudSeverities
{
    /// <summary>Worth a look.</summary>
    public const string Medium = "MEDIUM";

    /// <summary>Likely fraud.</summary>
    public const string High = "HIGH";

    /// <summary>Almost certainly fraud.</summary>
    public const string Critical = "CRITICAL";

    /// <summary>The severity of one rule flag.</summary>
    public static string Of(FraudRuleSet rule) => rule switch
    {
        FraudRuleSet.HighAmount => High,
        FraudRuleSet.RapidFire => Medium,
        FraudRuleSet.Velocity => High,
        FraudRuleSet.ImpossibleTravel => Critical,
        FraudRuleSet.NewDevice => Medium,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "exactly one rule flag expected"),
    };
}
