namespace ActorStreams.Domain.Loans;

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
