using ActorStreams.Churn.Internal;
using ActorStreams.Domain.Behaviour;
using Microsoft.ML;

namespace ActorStreams.Churn;

/// <summary>
/// Scores feature vectors with a loaded <see cref="ChurnModel"/>: the calibrated probability of churn. Reuses one input
/// and one output object, so a call allocates only what ML.NET's prediction engine does. Not thread-safe: one scorer
/// per actor (or thread).
/// </summary>
public sealed class ChurnScorer : IDisposable
{
    private readonly ChurnModel _model;
    private readonly PredictionEngine<ScoringRow, ProbabilityRow> _engine;
    private readonly ScoringRow _input = new();
    private ProbabilityRow _output = new();

    internal ChurnScorer(ChurnModel model, PredictionEngine<ScoringRow, ProbabilityRow> engine)
    {
        _model = model;
        _engine = engine;
    }

    /// <summary>The decision threshold: a probability at or above it is a churn risk.</summary>
    public float Threshold => _model.Threshold;

    /// <summary>The model version (the first 12 hex digits of the zip's SHA-256).</summary>
    public string Version => _model.Version;

    /// <summary>The kind of model: <c>logistic_regression</c> or <c>fast_tree</c>.</summary>
    public string ModelName => _model.ModelName;

    /// <summary>The calibrated probability of churn of a vector written by <see cref="BehaviourState.WriteVector"/>.</summary>
    /// <exception cref="ArgumentException">The vector does not have <see cref="BehaviourFeatures.VectorLength"/> elements.</exception>
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length != BehaviourFeatures.VectorLength)
        {
            throw new ArgumentException($"the model scores vectors of {BehaviourFeatures.VectorLength} features, got {features.Length}", nameof(features));
        }

        features.CopyTo(_input.Features);
        _engine.Predict(_input, ref _output);
        return _output.Probability;
    }

    /// <inheritdoc />
    public void Dispose() => _engine.Dispose();
}
