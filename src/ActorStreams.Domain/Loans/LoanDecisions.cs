namespace ActorStreams.Domain.Loans;

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
