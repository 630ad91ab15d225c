using ActorStreams.Churn.Internal;

namespace ActorStreams.Churn;

/// <summary>A finished training run: its figures and the three files it wrote.</summary>
public sealed class ChurnTrainingResult
{
    internal ChurnTrainingResult(ChurnReport report, string modelPath, IReadOnlyList<ScoredExample> testScores)
    {
        Report = report;
        ModelPath = modelPath;
        TestScores = testScores;
    }

    /// <summary>The figures.</summary>
    public ChurnReport Report { get; }

    /// <summary>The chosen model's ML.NET zip.</summary>
    public string ModelPath { get; }

    /// <summary>The metrics file next to the zip.</summary>
    public string MetricsPath => ChurnTrainingOptions.MetricsPath(ModelPath);

    /// <summary>The Markdown report next to the zip.</summary>
    public string ReportPath => ChurnTrainingOptions.ReportPath(ModelPath);

    /// <summary>A few lines for the console: the chosen model, each scorer's test figures, the data and the files.</summary>
    public string Summary => ReportText.Summary(Report, ModelPath, MetricsPath, ReportPath);

    /// <summary>The test customers with the chosen model's score, as evaluated.</summary>
    internal IReadOnlyList<ScoredExample> TestScores { get; }
}
