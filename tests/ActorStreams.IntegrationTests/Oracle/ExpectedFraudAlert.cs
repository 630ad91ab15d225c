namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>A fraud alert the oracle expects (every §5 field but <c>detected_at</c>, <c>severity</c> and <c>details</c>).</summary>
public sealed record ExpectedFraudAlert(
    string AlertId, string Rule, long CustomerId, string TransactionId, string MerchantId, string MerchantCategory, decimal Amount, string EventTime,
    double? Latitude = null, double? Longitude = null);
