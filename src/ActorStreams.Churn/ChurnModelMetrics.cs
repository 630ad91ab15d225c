namespace ActorStreams.Churn;

/// <summary>One scorer's figures on the test snapshot (docs/design.md §6, Churn model); NaN where undefined (a class absent).</summary>
public sealed record ChurnModelMetrics
{
    /// <summary>The scorer: <c>logistic_regression</c>, <c>fast_tree</c>, or the rule proxy.</summary>
    public required string Model { get; init; }

    /// <summary>Area under the ROC curve of the score.</summary>
    public required double RocAuc { get; init; }

    /// <summary>Average precision of the score.</summary>
    public required double PrAuc { get; init; }

    /// <summary>Precision at <see cref="Threshold"/>.</summary>
    public required double Precision { get; init; }

    /// <summary>Recall at <see cref="Threshold"/>.</summary>
    public required double Recall { get; init; }

    /// <summary>F1 at <see cref="Threshold"/>.</summary>
    public required double F1 { get; init; }

    /// <summary>The decision threshold: chosen on validation for a model, 0.7 for the rule.</summary>
    public required double Threshold { get; init; }

    /// <summary>The confusion matrix at <see cref="Threshold"/>.</summary>
    public required ConfusionCounts Confusion { get; init; }

    /// <summary>The churn rate among the top 10 % by score over the overall churn rate.</summary>
    public required double LiftTopDecile { get; init; }

    /// <summary>Average precision on the validation set, which picks the model; NaN for the rule.</summary>
    public double ValidationPrAuc { get; init; } = double.NaN;

    /// <summary>Permutation importance per feature, in the order of the feature names; empty for the rule.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> FeatureImportance { get; init; } = [];
}
