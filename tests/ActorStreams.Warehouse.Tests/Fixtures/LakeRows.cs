namespace ActorStreams.Warehouse.Tests.Fixtures;

/// <summary>A row of the lake's <c>transactions</c> dataset (docs/lake.md): the fields the tests vary, the rest fixed.</summary>
public sealed record TxRow(
    string TransactionId, long CustomerId, string Category, double Amount, string Currency, string? Country, string? City,
    DateTimeOffset Timestamp, int Partition, long Offset, bool Duplicate = false);

/// <summary>A row of <c>customer_activity</c>.</summary>
public sealed record ActivityRow(long ActivityId, long CustomerId, DateTimeOffset? Timestamp, int Partition, long Offset, bool Duplicate = false);

/// <summary>A row of <c>fraud_alerts</c>.</summary>
public sealed record FraudAlertRow(string TransactionId, string Rule, long CustomerId, string Category, double Amount, DateTimeOffset EventTime, int Partition, long Offset)
{
    public string AlertId => $"{TransactionId}:{Rule}";
}

/// <summary>A row of <c>churn_alerts</c>.</summary>
public sealed record ChurnAlertRow(long ActivityId, long CustomerId, DateTimeOffset EventTime, int Partition, long Offset);

/// <summary>A row of <c>merchant_metrics</c>.</summary>
public sealed record MerchantMetricRow(string MerchantId, string Category, DateTimeOffset WindowStart, long TxCount, double Total, int Partition, long Offset);

/// <summary>A row of <c>dead_letters</c>, placed by <paramref name="SourceTimestamp"/> (the source record's Kafka timestamp).</summary>
public sealed record DeadLetterRow(string SourceTopic, int Partition, long Offset, DateTimeOffset SourceTimestamp, string Error);
