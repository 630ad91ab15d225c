using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// A merchant category with its amount distribution (log-normal around a median, clamped, in cents)
/// and its merchants, whose ids (<c>m-&lt;category&gt;-&lt;n&gt;</c>) are stable across runs and seeds.
/// </summary>
internal sealed class MerchantCategory
{
    private MerchantCategory(string name, double weight, double median, double sigma, long minCents, long maxCents, int merchants)
    {
        Name = name;
        NameJson = JsonText.Encode(name);
        Weight = weight;
        LogMedian = Math.Log(median);
        Sigma = sigma;
        MinCents = minCents;
        MaxCents = maxCents;
        MerchantIds = [.. Enumerable.Range(1, merchants).Select(i => JsonText.Encode($"m-{name}-{i.ToString("D3", CultureInfo.InvariantCulture)}"))];
    }

    public string Name { get; }

    public JsonEncodedText NameJson { get; }

    /// <summary>Share of everyday purchases in this category.</summary>
    public double Weight { get; }

    public double LogMedian { get; }

    public double Sigma { get; }

    public long MinCents { get; }

    /// <summary>The most a normal-profile customer pays here.</summary>
    public long MaxCents { get; }

    public IReadOnlyList<JsonEncodedText> MerchantIds { get; }

    /// <summary>The ten categories of the contract, with plausible medians and spreads.</summary>
    public static MerchantCategory[] CreateAll(int merchantsPerCategory) =>
    [
        new("grocery", 24, 42, 0.6, 150, 40_000, merchantsPerCategory),
        new("restaurants", 18, 32, 0.6, 400, 30_000, merchantsPerCategory),
        new("clothing", 10, 58, 0.7, 500, 80_000, merchantsPerCategory),
        new("electronics", 7, 140, 0.9, 999, 95_000, merchantsPerCategory),
        new("books", 6, 19, 0.5, 299, 20_000, merchantsPerCategory),
        new("entertainment", 9, 38, 0.7, 500, 40_000, merchantsPerCategory),
        new("health", 9, 45, 0.8, 500, 60_000, merchantsPerCategory),
        new("home", 9, 75, 0.9, 500, 90_000, merchantsPerCategory),
        new("travel", 5, 280, 0.8, 2_500, 98_000, merchantsPerCategory),
        new("jewelry", 3, 210, 0.9, 1_500, 98_000, merchantsPerCategory),
    ];

    /// <summary>An everyday amount in cents: log-normal around the median, scaled by the profile, clamped.</summary>
    public long DrawCents(FastRandom random, double scale, long capCents)
    {
        var amount = Math.Exp(LogMedian + (Sigma * random.NextGaussian())) * scale;
        var cents = (long)Math.Round(amount * 100);
        return Math.Clamp(cents, MinCents, Math.Max(MinCents, Math.Min(capCents, (long)(MaxCents * scale))));
    }

    /// <summary>A merchant, popular ones more often (the square skews towards low indexes).</summary>
    public JsonEncodedText PickMerchant(FastRandom random)
    {
        var u = random.NextDouble();
        return MerchantIds[(int)(u * u * MerchantIds.Count)];
    }
}
