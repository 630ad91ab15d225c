namespace ActorStreams.Generator;

/// <summary>
/// The simulated shop of the <c>customer-events</c> dataset (<c>actorstreams.generator.behaviour</c>): how long the
/// simulated period is, how customers divide into latent segments, how many churners stop without warning, and how
/// often a record is re-sent. Customer ids, the seed and the start come from <see cref="GeneratorSettings"/>.
/// </summary>
public sealed partial record CustomerEventSettings
{
    /// <summary>The defaults of reference.conf.</summary>
    public static CustomerEventSettings Default { get; } = new();

    /// <summary>Length of the simulated period in days, from the start: the dataset covers all of it unless a count caps it.</summary>
    public int Days { get; init; } = 180;

    /// <summary>Share of customers in the loyal segment: frequent visits, dearer products, high purchase rate, rare churn.</summary>
    public double LoyalShare { get; init; } = 0.30;

    /// <summary>Share of customers in the occasional segment: rare visits, long pauses after which they come back.</summary>
    public double OccasionalShare { get; init; } = 0.35;

    /// <summary>Share of customers in the bargain segment: cheap products, many views and cart removals.</summary>
    public double BargainShare { get; init; } = 0.20;

    /// <summary>Share of customers in the at-risk segment: few visits and purchases, and most of them churn.</summary>
    public double AtRiskShare { get; init; } = 0.15;

    /// <summary>Share of churners who stop abruptly instead of fading out first (their churn cannot be learned, on purpose).</summary>
    public double AbruptChurnRatio { get; init; } = 0.25;

    /// <summary>Share of records re-sent right after themselves, byte for byte, as a producer retry would.</summary>
    public double DuplicateRatio { get; init; } = 0.001;

    /// <summary>The simulated period.</summary>
    public TimeSpan Period => TimeSpan.FromDays(Days);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        Require(Days is >= 1 and <= MaxDays, nameof(Days), Days, "must be between 1 and 3650");
        Require(LoyalShare is >= 0 and <= 1, nameof(LoyalShare), LoyalShare, "must be in [0, 1]");
        Require(OccasionalShare is >= 0 and <= 1, nameof(OccasionalShare), OccasionalShare, "must be in [0, 1]");
        Require(BargainShare is >= 0 and <= 1, nameof(BargainShare), BargainShare, "must be in [0, 1]");
        Require(AtRiskShare is >= 0 and <= 1, nameof(AtRiskShare), AtRiskShare, "must be in [0, 1]");
        Require(SharesAddUp(LoyalShare, OccasionalShare, BargainShare, AtRiskShare), nameof(AtRiskShare), AtRiskShare, "plus the other segment shares must be 1");
        Require(AbruptChurnRatio is >= 0 and <= 1, nameof(AbruptChurnRatio), AbruptChurnRatio, "must be in [0, 1]");
        Require(DuplicateRatio is >= 0 and <= 1, nameof(DuplicateRatio), DuplicateRatio, "must be in [0, 1]");
    }

    /// <summary>The segment shares as weights, in the order of <see cref="CustomerSegment"/>.</summary>
    internal double[] SegmentShares => [LoyalShare, OccasionalShare, BargainShare, AtRiskShare];

    private static bool SharesAddUp(double loyal, double occasional, double bargain, double atRisk) =>
        Math.Abs(loyal + occasional + bargain + atRisk - 1) <= ShareTolerance;

    private static void Require(bool condition, string name, object value, string requirement)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {requirement}");
        }
    }
}
