namespace ActorStreams.Domain.Churn;

/// <summary>The churn score update made by one activity.</summary>
/// <param name="Score">The score after the activity (<c>churn_score</c> of its enriched record).</param>
/// <param name="PreviousScore">The score before it (0 for the first activity).</param>
/// <param name="Fired">True when CHURN_RISK fired and an alert was appended.</param>
public readonly record struct ChurnEvaluation(double Score, double PreviousScore, bool Fired);
