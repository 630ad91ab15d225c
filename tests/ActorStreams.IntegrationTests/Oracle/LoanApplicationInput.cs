namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>A JSON number read twice: as the exact decimal it writes (for sums and averages) and as the nearest double (for the §6 formulas and thresholds).</summary>
public readonly record struct JsonNumber(decimal Exact, double Double);

/// <summary>A valid <c>loan-applications</c> record (docs/design.md §5) as the oracle read it, with where it was read.</summary>
public sealed record LoanApplicationInput
{
    public required int Partition { get; init; }

    public required long Offset { get; init; }

    public required string ApplicationId { get; init; }

    public required long CustomerId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required string Channel { get; init; }

    public required string Product { get; init; }

    public required string LoanPurpose { get; init; }

    public required JsonNumber LoanAmount { get; init; }

    public required int TermMonths { get; init; }

    public required JsonNumber AnnualIncome { get; init; }

    public required JsonNumber MonthlyDebt { get; init; }

    public required int CreditScore { get; init; }

    public required JsonNumber EmploymentYears { get; init; }

    public required JsonNumber IdentityVerificationScore { get; init; }

    public required string DeviceId { get; init; }

    public required string IpAddress { get; init; }

    public required JsonNumber ApplicationDurationS { get; init; }

    public required string Decision { get; init; }

    public required JsonNumber ProcessingTimeS { get; init; }

    public bool? IsFraud { get; init; }
}
