namespace ActorStreams.Entities;

/// <summary>The node's churn model, as the customer entities use it (<c>actorstreams.churn.model</c>, reloaded when its file changes).</summary>
public interface IChurnScoring
{
    /// <summary>The calling thread's scorer of the current model, or null while no model is loaded.</summary>
    IChurnScorer? Scorer();
}
