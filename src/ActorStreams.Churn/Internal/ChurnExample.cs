namespace ActorStreams.Churn.Internal;

/// <summary>One customer of a snapshot: its feature vector as of the snapshot instant and its label.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Features">The vector of <c>BehaviourFeatures.FeatureNames</c>.</param>
/// <param name="Churned">No purchase in (S, S + horizon].</param>
internal sealed record ChurnExample(long CustomerId, float[] Features, bool Churned);
