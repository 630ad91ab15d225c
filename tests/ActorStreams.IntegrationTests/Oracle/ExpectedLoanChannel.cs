namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>A <c>loan-channels</c> window the oracle expects (one channel, one minute).</summary>
public sealed record ExpectedLoanChannel(
    string MetricId,
    string Channel,
    string WindowStart,
    string WindowEnd,
    long Applications,
    double ConversionRate,
    decimal AvgApplicationDurationS,
    double IdentityFailureRate,
    double FraudAlertRate);
