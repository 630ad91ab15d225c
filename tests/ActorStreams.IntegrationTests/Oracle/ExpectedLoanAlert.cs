namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// A <c>loan-fraud-alerts</c> record the oracle expects (every §5 field but <c>detected_at</c>, which is processing time);
/// <paramref name="Details"/> holds the rule's figures, and only those may be present.
/// </summary>
public sealed record ExpectedLoanAlert(
    string AlertId,
    string Rule,
    string ApplicationId,
    long CustomerId,
    string DeviceId,
    string Channel,
    decimal LoanAmount,
    string EventTime,
    string Severity,
    IReadOnlyDictionary<string, double> Details)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{AlertId}: customer {CustomerId}, device {DeviceId}, {Channel}, {LoanAmount}, {EventTime}, {Severity}, {{{string.Join(", ", Details.Select(d => FormattableString.Invariant($"{d.Key}: {d.Value:R}")))}}}");
}
