namespace ActorStreams.Domain.Loans;

/// <summary>The values of <c>channel</c>.</summary>
public static class LoanChannels
{
    /// <summary>Every channel, in the order outputs list them.</summary>
    public static IReadOnlyList<string> All { get; } = ["web", "mobile", "branch", "partner", "call_center"];
}

/// <summary>The values of <c>product</c>.</summary>
public static class LoanProducts
{
    /// <summary>Every product, in the order <c>loan-segments</c> lists its counts.</summary>
    public static IReadOnlyList<string> All { get; } = ["personal", "auto", "mortgage", "student", "business"];
}

/// <summary>The values of <c>decision</c>.</summary>
public static class LoanDecisions
{
    /// <summary>Approved.</summary>
    public const string Approved = "approved";

    /// <summary>Rejected.</summary>
    public const string Rejected = "rejected";

    /// <summary>Not decided yet.</summary>
    public const string Pending = "pending";

    /// <summary>Every decision.</summary>
    public static IReadOnlyList<string> All { get; } = [Approved, Rejected, Pending];
}

/// <summary>The credit segments of <c>loan-segments</c>.</summary>
public static class LoanSegments
{
    /// <summary>credit_score ≥ prime minimum (720).</summary>
    public const string Prime = "prime";

    /// <summary>credit_score ≥ near-prime minimum (660) and below prime.</summary>
    public const string NearPrime = "near_prime";

    /// <summary>credit_score below the near-prime minimum.</summary>
    public const string Subprime = "subprime";

    /// <summary>Every segment, best first.</summary>
    public static IReadOnlyList<string> All { get; } = [Prime, NearPrime, Subprime];

    /// <summary>The segment of a credit score.</summary>
    public static string Of(int creditScore, LoanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return creditScore >= settings.PrimeMinScore ? Prime : creditScore >= settings.NearPrimeMinScore ? NearPrime : Subprime;
    }
}

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
