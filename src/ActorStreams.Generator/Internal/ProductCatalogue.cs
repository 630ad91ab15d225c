using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// The shop of <c>customer-events</c>: ten categories of fifty products each, with ids <c>p-&lt;category&gt;-&lt;nnn&gt;</c>
/// and fixed prices drawn from the seed (log-normal around the category's median, ending in 9 cents). Products are
/// numbered <c>category × 50 + n</c>; <see cref="PickByPriceRank"/> lets a segment lean towards cheap or dear ones.
/// </summary>
internal sealed class ProductCatalogue
{
    public const int ProductsPerCategory = 50;

    /// <summary>Name, median price and log-normal spread of each category.</summary>
    private static readonly (string Name, double Median, double Sigma)[] Categories =
    [
        ("electronics", 150, 0.9),
        ("fashion", 40, 0.6),
        ("home", 55, 0.8),
        ("beauty", 20, 0.6),
        ("sports", 45, 0.8),
        ("books", 14, 0.4),
        ("toys", 25, 0.7),
        ("grocery", 7, 0.6),
        ("garden", 30, 0.8),
        ("pets", 18, 0.7),
    ];

    private readonly int[] _byPrice;

    public ProductCatalogue(long seed)
    {
        var random = new FastRandom(FastRandom.Derive(seed, "customer-events.catalogue"));
        var products = Categories.Length * ProductsPerCategory;
        CategoryNames = [.. Categories.Select(c => JsonText.Encode(c.Name))];
        ProductIds = new JsonEncodedText[products];
        Prices = new decimal[products];
        _byPrice = new int[products];
        for (var category = 0; category < Categories.Length; category++)
        {
            var (name, median, sigma) = Categories[category];
            var first = category * ProductsPerCategory;
            for (var n = 0; n < ProductsPerCategory; n++)
            {
                var cents = (long)Math.Round(Math.Exp(Math.Log(median) + (sigma * random.NextGaussian())) * 100);
                cents = Math.Clamp(cents - (cents % 10) + 9, 99, 499_999);
                ProductIds[first + n] = JsonText.Encode(string.Create(CultureInfo.InvariantCulture, $"p-{name}-{n + 1:D3}"));
                Prices[first + n] = new decimal((int)cents, 0, 0, false, 2);
                _byPrice[first + n] = first + n;
            }

            Array.Sort(_byPrice, first, ProductsPerCategory, Comparer<int>.Create((a, b) => Prices[a] != Prices[b] ? Prices[a].CompareTo(Prices[b]) : a.CompareTo(b)));
        }
    }

    public static int CategoryCount => Categories.Length;

    public JsonEncodedText[] CategoryNames { get; }

    public JsonEncodedText[] ProductIds { get; }

    /// <summary>Unit prices with exactly two decimals.</summary>
    public decimal[] Prices { get; }

    public static int CategoryOf(int product) => product / ProductsPerCategory;

    /// <summary>The product of <paramref name="category"/> at <paramref name="rank"/> in [0, 1) of its price order (0: the cheapest).</summary>
    public int PickByPriceRank(int category, double rank) =>
        _byPrice[(category * ProductsPerCategory) + Math.Min(ProductsPerCategory - 1, (int)(rank * ProductsPerCategory))];
}
