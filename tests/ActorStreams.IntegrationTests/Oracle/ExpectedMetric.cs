namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>A merchant metric the oracle expects.</summary>
public sealed record ExpectedMetric(
    string MetricId,
    string MerchantId,
    string MerchantCategory,
    string WindowStart,
    string WindowEnd,
    long TxCount,
    decimal TotalAmount,
    decimal AvgAmount,
    decimal MaxAmount,
    long FraudAlertCount,
    long FraudLabeledCount);
