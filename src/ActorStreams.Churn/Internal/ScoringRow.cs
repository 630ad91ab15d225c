using ActorStreams.Domain.Behaviour;
using Microsoft.ML.Data;

namespace ActorStreams.Churn.Internal;

/// <summary>The input of a saved model at scoring time: the feature vector only.</summary>
internal sealed class ScoringRow
{
    [VectorType(BehaviourFeatures.VectorLength)]
    public float[] Features { get; set; } = new float[BehaviourFeatures.VectorLength];
}
