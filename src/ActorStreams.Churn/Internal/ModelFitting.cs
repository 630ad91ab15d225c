using ActorStreams.Domain.Behaviour;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace ActorStreams.Churn.Internal;

/// <summary>
/// The two candidate models on ML.NET: fitted with class weights on the fit set, calibrated (Platt) on validation, the
/// threshold chosen there by F1. Single-threaded and seeded, so a seed gives the same model bytes.
/// </summary>
internal sealed class ModelFitting(int seed)
{
    public const string LogisticRegression = "logistic_regression";
    public const string FastTree = "fast_tree";
    public const string ProbabilityColumn = "Probability";

    private readonly MLContext _ml = new(seed);

    public MLContext Context => _ml;

    /// <summary>Rows for fitting: positives weighted #negatives / #positives.</summary>
    public IDataView FitData(IReadOnlyList<ChurnExample> examples)
    {
        var positives = examples.Count(e => e.Churned);
        var weight = positives == 0 ? 1f : (examples.Count - positives) / (float)positives;
        return _ml.Data.LoadFromEnumerable(examples.Select(e => new TrainingRow { Features = e.Features, Label = e.Churned, Weight = e.Churned ? weight : 1f }).ToList());
    }

    /// <summary>Unweighted rows (validation, test).</summary>
    public IDataView Data(IEnumerable<float[]> features, IEnumerable<bool> labels) =>
        _ml.Data.LoadFromEnumerable(features.Zip(labels, (f, l) => new TrainingRow { Features = f, Label = l }).ToList());

    public FittedModel Fit(string name, IDataView fit, IDataView validation, bool[] validationLabels)
    {
        ITransformer trained = name switch
        {
            LogisticRegression => _ml.Transforms.NormalizeMinMax(nameof(TrainingRow.Features))
                .Append(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = nameof(TrainingRow.Label),
                    FeatureColumnName = nameof(TrainingRow.Features),
                    ExampleWeightColumnName = nameof(TrainingRow.Weight),
                    NumberOfThreads = 1,
                }))
                .Fit(fit),
            FastTree => _ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = nameof(TrainingRow.Features),
                ExampleWeightColumnName = nameof(TrainingRow.Weight),
                NumberOfThreads = 1,
                Seed = seed,
                FeatureSelectionSeed = seed,
                // Small trees, many of them, slowly: a few hundred customers fit, so deep trees on few examples a leaf overfit.
                NumberOfTrees = 200,
                NumberOfLeaves = 8,
                MinimumExampleCountPerLeaf = 20,
                LearningRate = 0.05,
            }).Fit(fit),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown model"),
        };

        var calibrator = _ml.BinaryClassification.Calibrators.Platt(nameof(TrainingRow.Label), "Score").Fit(trained.Transform(validation));
        var chain = new TransformerChain<ITransformer>(trained, calibrator);
        var scores = Scores(chain, validation);
        return new FittedModel(name, chain, BinaryMetrics.BestF1Threshold(scores, validationLabels), BinaryMetrics.AveragePrecision(scores, validationLabels));
    }

    /// <summary>The calibrated probabilities of the rows, in order.</summary>
    public static float[] Scores(ITransformer model, IDataView data) => [.. model.Transform(data).GetColumn<float>(ProbabilityColumn)];

    /// <summary>
    /// Permutation importance: the drop in ROC-AUC when one feature's column of <paramref name="features"/> is shuffled
    /// (one seeded shuffle per feature), in the order of the feature names.
    /// </summary>
    public List<KeyValuePair<string, double>> PermutationImportance(ITransformer model, float[][] features, bool[] labels)
    {
        var baseline = BinaryMetrics.RocAuc(Scores(model, Data(features, labels)), labels);
        var importance = new List<KeyValuePair<string, double>>(BehaviourFeatures.VectorLength);
        for (var j = 0; j < BehaviourFeatures.VectorLength; j++)
        {
            var column = features.Select(f => f[j]).ToArray();
            new Random(unchecked((seed * 1_000_003) + j)).Shuffle(column);
            var permuted = features.Select((f, i) =>
            {
                var copy = (float[])f.Clone();
                copy[j] = column[i];
                return copy;
            });
            importance.Add(new(BehaviourFeatures.FeatureNames[j], baseline - BinaryMetrics.RocAuc(Scores(model, Data(permuted, labels)), labels)));
        }

        return importance;
    }

    /// <summary>Saves a model with the training rows' schema.</summary>
    public void Save(ITransformer model, IDataView data, Stream stream) => _ml.Model.Save(model, data.Schema, stream);
}
