namespace ActorStreams.Churn;

/// <summary>A confusion matrix at a threshold; positive = churned.</summary>
/// <param name="TruePositives">Churned and flagged.</param>
/// <param name="FalsePositives">Not churned but flagged.</param>
/// <param name="TrueNegatives">Not churned and not flagged.</param>
/// <param name="FalseNegatives">Churned but not flagged.</param>
public readonly record struct ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives);
