namespace ActorStreams.Domain.Loans;

/// <summary>The rules of <c>loan-fraud-alerts</c> and their severities.</summary>
public static class LoanFraudRules
{
    /// <summary>identity_verification_score below the threshold.</summary>
    public const string IdentityMismatch = "IDENTITY_MISMATCH";

    /// <summary>The form was filled faster than a person can.</summary>
    public const string BotSpeed = "BOT_SPEED";

    /// <summary>The device was used by several customers within a short time.</summary>
    public const string DeviceShared = "DEVICE_SHARED";

    /// <summary>Several applications of one customer within a day.</summary>
    public const string ApplicationBurst = "APPLICATION_BURST";

    /// <summary>Every rule.</summary>
    public static IReadOnlyList<string> All { get; } = [IdentityMismatch, BotSpeed, DeviceShared, ApplicationBurst];

    /// <summary>
    /// The severity of a rule: identity failures and device rings are likely fraud (HIGH); fast forms and repeated
    /// applications also come from impatient or comparison-shopping applicants (MEDIUM).
    /// </summary>
    public static string SeverityOf(string rule) => rule switch
    {
        IdentityMismatch or DeviceShared => Fraud.FraudSeverities.High,
        BotSpeed or ApplicationBurst => Fraud.FraudSeverities.Medium,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown loan fraud rule"),
    };
}
