namespace ActorStreams.Churn;

/// <summary>The size of a snapshot's population.</summary>
/// <param name="Customers">Customers in the population.</param>
/// <param name="Positives">Of them, those labelled churned.</param>
public readonly record struct SnapshotCounts(int Customers, int Positives);
