using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// A loan product of the <c>loan-applications</c> dataset: its share of applications, its amount distribution
/// (log-normal around a median that grows with the applicant's income, clamped, in cents), its terms and the
/// purposes it is taken out for.
/// </summary>
internal sealed class LoanProduct
{
    /// <summary>The income the amount medians are quoted for; the applicant's income scales them by (income / this)^elasticity.</summary>
    private const double ReferenceIncome = 60_000;

    private readonly double _logMedian;
    private readonly double _incomeElasticity;
    private readonly double _sigma;
    private readonly long _minCents;
    private readonly long _maxCents;
    private readonly int[] _terms;
    private readonly double[] _termWeights;
    private readonly JsonEncodedText[] _purposes;
    private readonly double[] _purposeWeights;

    private LoanProduct(
        string name, double weight, double median, double incomeElasticity, double sigma, long min, long max, int[] terms, double[] termWeights, (string Name, double Weight)[] purposes)
    {
        Name = name;
        NameJson = JsonText.Encode(name);
        Weight = weight;
        _logMedian = Math.Log(median);
        _incomeElasticity = incomeElasticity;
        _sigma = sigma;
        _minCents = min * 100;
        _maxCents = max * 100;
        _terms = terms;
        _termWeights = Cumulative.Of(termWeights);
        _purposes = [.. purposes.Select(p => JsonText.Encode(p.Name))];
        _purposeWeights = Cumulative.Of([.. purposes.Select(p => p.Weight)]);
    }

    public string Name { get; }

    public JsonEncodedText NameJson { get; }

    /// <summary>Share of everyday applications for this product.</summary>
    public double Weight { get; }

    /// <summary>The five products of the contract: personal, auto, mortgage, student and business loans.</summary>
    public static LoanProduct[] CreateAll() =>
    [
        new("personal", 40, 8_000, 0.3, 0.7, 1_000, 50_000, [12, 24, 36, 48, 60], [15, 25, 30, 15, 15],
            [("debt_consolidation", 45), ("home_improvement", 15), ("medical", 10), ("car", 5), ("other", 25)]),
        new("auto", 25, 22_000, 0.3, 0.45, 5_000, 60_000, [36, 48, 60, 72, 84], [15, 20, 35, 20, 10], [("car", 1)]),
        new("mortgage", 15, 260_000, 0.5, 0.45, 80_000, 900_000, [180, 240, 360], [20, 15, 65], [("home_purchase", 80), ("home_improvement", 20)]),
        new("student", 10, 18_000, 0, 0.6, 2_000, 80_000, [60, 84, 120, 180, 240], [15, 15, 40, 20, 10], [("education", 1)]),
        new("business", 10, 60_000, 0.2, 0.75, 10_000, 500_000, [12, 24, 36, 60, 84, 120], [10, 15, 25, 25, 15, 10],
            [("business_expansion", 85), ("other", 15)]),
    ];

    /// <summary>An amount in cents, a multiple of 100.00 as people ask for: log-normal around the median scaled by the income, clamped to the product's range.</summary>
    public long DrawAmountCents(FastRandom random, long incomeCents)
    {
        var logMedian = _logMedian + (_incomeElasticity * Math.Log(incomeCents / 100.0 / ReferenceIncome));
        var hundreds = (long)Math.Round(Math.Exp(logMedian + (_sigma * random.NextGaussian())) / 100);
        return Math.Clamp(hundreds * 100 * 100, _minCents, _maxCents);
    }

    public int DrawTerm(FastRandom random) => _terms[random.PickCumulative(_termWeights)];

    public JsonEncodedText DrawPurpose(FastRandom random) => _purposes[random.PickCumulative(_purposeWeights)];
}
