namespace ActorStreams.Churn;

/// <summary>A churn-risk segment of the behaviour report and its number of customers.</summary>
/// <param name="Name">high risk, watch, low risk, lapsed or never purchased.</param>
/// <param name="Customers">Customers in it.</param>
public sealed record BehaviourSegmentCount(string Name, int Customers);
