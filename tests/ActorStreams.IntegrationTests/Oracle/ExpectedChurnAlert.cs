namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// A churn alert the oracle expects. <see cref="Optional"/> marks a crossing decided within 1e-12 of the threshold, where
/// two correct implementations of the same formula may round differently: it may be present (then it must match) or not.
/// </summary>
public sealed record ExpectedChurnAlert(
    string AlertId, long CustomerId, long ActivityId, string ActivityType, double Score, double PreviousScore, double Threshold, TimeExpectation EventTime, bool Optional);
