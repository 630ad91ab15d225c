namespace ActorStreams.Domain.Loans;

/// <summary>The values of <c>channel</c>.</summary>
public static class LoanChannels
{
    /// <summary>Every channel, in the order outputs list them.</summary>
    public static IReadOnlyList<string> All { get; } = ["web", "mobile", "branch", "partner", "call_center"];
}
