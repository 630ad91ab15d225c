namespace ActorStreams.Generator.Internal;

/// <summary>
/// How the customers of one latent segment of <c>customer-events</c> behave. Customers vary around these values (their
/// own activity level), so segments overlap and the segment is not readable from one number.
/// </summary>
internal sealed class SegmentProfile
{
    private SegmentProfile(double[] hourWeights)
    {
        var mean = hourWeights.Average();
        var max = hourWeights.Max();
        HourAcceptance = [.. hourWeights.Select(w => w / max)];
        PeakFactor = max / mean;
    }

    /// <summary>Mean sessions per week while active, before the customer's own level and any decay.</summary>
    public required double SessionsPerWeek { get; init; }

    /// <summary>Mean product views per session.</summary>
    public required double MeanViews { get; init; }

    /// <summary>Chance that a view is followed by putting the product in the cart.</summary>
    public required double AddChance { get; init; }

    /// <summary>Chance that a product put in the cart is followed, a few views later, by a removal from the cart.</summary>
    public required double RemoveChance { get; init; }

    /// <summary>Chance that a session with a non-empty cart ends with buying it.</summary>
    public required double PurchaseChance { get; init; }

    /// <summary>Chance of more than one unit in a cart line, and the most extra units then.</summary>
    public required (double Chance, int Max) ExtraUnits { get; init; }

    /// <summary>Exponent of the price rank: above 1 leans towards cheap products, below 1 towards dear ones.</summary>
    public required double PriceTilt { get; init; }

    /// <summary>Cumulative weights of mobile, desktop and tablet sessions.</summary>
    public required double[] DeviceWeights { get; init; }

    /// <summary>Chance of churning within the period.</summary>
    public required double ChurnChance { get; init; }

    /// <summary>
    /// How a churner of the segment fades before the churn: the share by which each of the session rate, the views per
    /// session, the chance to put a viewed product in the cart and the chance to buy the cart has fallen at the churn
    /// (0 = unchanged, 1 = to nothing), linearly with the decay's progress (the session rate along its own curve).
    /// </summary>
    public required (double Visits, double Views, double Carts, double Purchases) Fade { get; init; }

    /// <summary>
    /// For a segment that buys when it runs out, the shortest and longest restocking cycle in days (each customer draws
    /// theirs): until <see cref="Shopper"/>'s due share of the cycle has passed since their last purchase they mostly
    /// browse, then they come to buy. Null: the purchase chance does not depend on the last purchase.
    /// </summary>
    public (double MinDays, double MaxDays)? Restock { get; init; }

    /// <summary>Mean pauses per 100 active days, and their shortest and longest length in days.</summary>
    public required (double Per100Days, double MinDays, double MaxDays) Pauses { get; init; }

    /// <summary>Per local hour of day: the chance that a candidate session at the peak rate is kept (1 at the peak hour).</summary>
    public double[] HourAcceptance { get; }

    /// <summary>The peak hour's session rate over the mean rate.</summary>
    public double PeakFactor { get; }

    /// <summary>The profiles, indexed by <see cref="CustomerSegment"/>.</summary>
    public static SegmentProfile[] All { get; } =
    [
        new([1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 2.5, 2, 2, 2.5, 3, 2.5, 2, 2, 2.2, 2.8, 3.5, 4.5, 5, 4.5, 3, 1.8])
        {
            SessionsPerWeek = 4.0, MeanViews = 6, AddChance = 0.22, RemoveChance = 0.06, PurchaseChance = 0.65,
            ExtraUnits = (0.25, 2), PriceTilt = 0.6, DeviceWeights = Cumulative.Of(55, 35, 10), ChurnChance = 0.08, Fade = (0.3, 0.8, 0.5, 1.0), Pauses = (0.3, 7, 18),
        },
        new([1.5, 0.8, 0.4, 0.2, 0.2, 0.3, 0.6, 1, 1.2, 1.2, 1.3, 1.5, 2, 1.8, 1.5, 1.5, 1.8, 2.5, 3.5, 4.5, 5, 5, 4, 2.5])
        {
            SessionsPerWeek = 1.4, MeanViews = 4, AddChance = 0.15, RemoveChance = 0.12, PurchaseChance = 0.40,
            ExtraUnits = (0.15, 1), PriceTilt = 1.0, DeviceWeights = Cumulative.Of(50, 35, 15), ChurnChance = 0.30, Fade = (1.0, 0.5, 0.4, 0.8), Pauses = (1.6, 14, 42),
            Restock = (45, 60),
        },
        new([3, 2.5, 1.5, 0.8, 0.4, 0.3, 0.5, 0.8, 1, 1.2, 1.5, 2, 2.5, 2.2, 1.8, 1.8, 2, 2.3, 2.8, 3.5, 4.2, 5, 5, 4.2])
        {
            SessionsPerWeek = 2.2, MeanViews = 9, AddChance = 0.28, RemoveChance = 0.40, PurchaseChance = 0.35,
            ExtraUnits = (0.40, 3), PriceTilt = 2.5, DeviceWeights = Cumulative.Of(70, 20, 10), ChurnChance = 0.25, Fade = (0.2, 0.0, 0.0, 1.0), Pauses = (0.5, 7, 21),
            Restock = (40, 60),
        },
        new([0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.2, 2, 3, 3.5, 3.5, 3.5, 3.5, 3.5, 3.2, 3, 2.5, 2, 1.8, 1.6, 1.4, 1, 0.7])
        {
            SessionsPerWeek = 1.4, MeanViews = 3.5, AddChance = 0.12, RemoveChance = 0.18, PurchaseChance = 0.30,
            ExtraUnits = (0.10, 1), PriceTilt = 1.1, DeviceWeights = Cumulative.Of(40, 45, 15), ChurnChance = 0.70, Fade = (1.0, 0.5, 0.4, 0.8), Pauses = (0.6, 7, 21),
            Restock = (45, 65),
        },
    ];
}
