namespace ActorStreams.Churn.Internal;

/// <summary>The output read back from a model: the calibrated probability of churn.</summary>
internal sealed class ProbabilityRow
{
    public float Probability { get; set; }
}
