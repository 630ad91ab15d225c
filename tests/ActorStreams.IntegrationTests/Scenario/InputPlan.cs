namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>
/// The input of a run in phases: each phase is produced (in list order, so per key in that order) after the node has
/// consumed the previous one, and before it the node is left to settle (see the tests).
/// </summary>
public sealed record InputPlan(IReadOnlyList<IReadOnlyList<PlannedRecord>> Phases)
{
    /// <summary>Every planned record, in production order.</summary>
    public IEnumerable<PlannedRecord> All => Phases.SelectMany(p => p);
}
