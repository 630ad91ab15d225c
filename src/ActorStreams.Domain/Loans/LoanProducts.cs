namespace ActorStreams.Domain.Loans;

/// <summary>The values of <c>product</c>.</summary>
public static class LoanProducts
{
    /// <summary>Every product, in the order <c>loan-segments</c> lists its counts.</summary>
    public static IReadOnlyList<string> All { get; } = ["personal", "auto", "mortgage", "student", "business"];
}
