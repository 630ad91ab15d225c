namespace ActorStreams.Domain.Fraud;

/// <summary>The rules that fired for one transaction, as flags (no allocation per transaction).</summary>
[Flags]
public enum FraudRuleSet
{
    /// <summary>No rule fired.</summary>
    None = 0,

    /// <summary><see cref="FraudRules.HighAmount"/>.</summary>
    HighAmount = 1,

    /// <summary><see cref="FraudRules.RapidFire"/>.</summary>
    RapidFire = 2,

    /// <summary><see cref="FraudRules.Velocity"/>.</summary>
    Velocity = 4,

    /// <summary><see cref="FraudRules.ImpossibleTravel"/>.</summary>
    ImpossibleTravel = 8,

    /// <summary><see cref="FraudRules.NewDevice"/>.</summary>
    NewDevice = 16,
}
