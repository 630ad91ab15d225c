namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>The <c>loan-risk</c> record the oracle expects for one application (docs/design.md §6, Loans, Risk).</summary>
public sealed record ExpectedLoanRisk(
    string ApplicationId,
    long CustomerId,
    string Channel,
    string Product,
    double Dti,
    double Lti,
    double RiskScore,
    string RiskLevel,
    IReadOnlyList<string> Reasons,
    string EventTime)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{ApplicationId}: customer {CustomerId}, {Channel}/{Product}, dti {Dti:R}, lti {Lti:R}, risk {RiskScore:R} {RiskLevel} [{string.Join(", ", Reasons)}], {EventTime}");
}
