namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>A <c>loan-stats</c> window the oracle expects (one channel, one minute).</summary>
public sealed record ExpectedLoanStats(
    string MetricId,
    string Channel,
    string WindowStart,
    string WindowEnd,
    long Applications,
    long Approved,
    long Rejected,
    long Pending,
    double ApprovalRate,
    decimal AvgLoanAmount,
    decimal AvgProcessingTimeS);
