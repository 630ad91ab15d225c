namespace ActorStreams.Domain.Fraud;

/// <summary>The wire names of the fraud rules (the <c>rule</c> field and the suffix of <c>alert_id</c>).</summary>
public static class FraudRules
{
    /// <summary>Amount above the high-amount threshold.</summary>
    public const string HighAmount = "HIGH_AMOUNT";

    /// <summary>Too many transactions within the rapid-fire window.</summary>
    public const string RapidFire = "RAPID_FIRE";

    /// <summary>Too much spent within the velocity window.</summary>
    public const string Velocity = "VELOCITY";

    /// <summary>Two locations too far apart for the time between them.</summary>
    public const string ImpossibleTravel = "IMPOSSIBLE_TRAVEL";

    /// <summary>A sizeable amount from a device not among the recent ones.</summary>
    public const string NewDevice = "NEW_DEVICE";

    /// <summary>The wire name of one rule flag.</summary>
    public static string NameOf(FraudRuleSet rule) => rule switch
    {
        FraudRuleSet.HighAmount => HighAmount,
        FraudRuleSet.RapidFire => RapidFire,
        FraudRuleSet.Velocity => Velocity,
        FraudRuleSet.ImpossibleTravel => ImpossibleTravel,
        FraudRuleSet.NewDevice => NewDevice,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "exactly one rule flag expected"),
    };
}
