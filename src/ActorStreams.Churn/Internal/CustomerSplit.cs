namespace ActorStreams.Churn.Internal;

/// <summary>The seeded fit/validation split: SplitMix64 of <c>customer_id XOR seed</c>, as a fraction of 2⁶⁴.</summary>
internal static class CustomerSplit
{
    public static bool IsFit(long customerId, int seed, double fitShare) => Fraction(customerId, seed) < fitShare;

    public static double Fraction(long customerId, int seed)
    {
        var z = unchecked((ulong)customerId ^ (ulong)(long)seed) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
