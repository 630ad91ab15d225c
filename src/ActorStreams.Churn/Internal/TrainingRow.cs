using ActorStreams.Domain.Behaviour;
using Microsoft.ML.Data;

namespace ActorStreams.Churn.Internal;

/// <summary>A training row as ML.NET reads it: the feature vector, the label (churned) and the example weight.</summary>
internal sealed class TrainingRow
{
    [VectorType(BehaviourFeatures.VectorLength)]
    public float[] Features { get; set; } = new float[BehaviourFeatures.VectorLength];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;
}
