namespace ActorStreams.Entities;

/// <summary>
/// One thread's scorer of the loaded churn model (docs/design.md §6, Churn model online): the calibrated churn probability
/// of a behaviour feature vector. Not thread-safe: <see cref="IChurnScoring.Scorer"/> gives each thread its own.
/// </summary>
public interface IChurnScorer
{
    /// <summary>The model's name.</summary>
    string ModelName { get; }

    /// <summary>The model's version (its file's hash).</summary>
    string Version { get; }

    /// <summary>The decision threshold on the calibrated probability.</summary>
    float Threshold { get; }

    /// <summary>The calibrated churn probability of <paramref name="features"/> (in <c>BehaviourFeatures.FeatureNames</c> order).</summary>
    float Score(ReadOnlySpan<float> features);
}
