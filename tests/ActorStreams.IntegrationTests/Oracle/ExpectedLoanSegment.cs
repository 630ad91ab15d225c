namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>Applications per product in one <c>loan-segments</c> window.</summary>
public sealed record LoanProductCounts(long Personal, long Auto, long Mortgage, long Student, long Business);

/// <summary>A <c>loan-segments</c> window the oracle expects (one credit segment, one minute).</summary>
public sealed record ExpectedLoanSegment(
    string MetricId,
    string Segment,
    string WindowStart,
    string WindowEnd,
    long Applications,
    decimal AvgCreditScore,
    decimal AvgLoanAmount,
    LoanProductCounts Products);
