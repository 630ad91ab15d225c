namespace ActorStreams.Churn.Internal;

/// <summary>A test customer with the chosen model's calibrated probability as the trainer computed it.</summary>
internal sealed record ScoredExample(long CustomerId, float[] Features, bool Churned, float Score);
