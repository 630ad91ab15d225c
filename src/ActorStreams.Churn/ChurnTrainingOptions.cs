using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn;

/// <summary>What <see cref="ChurnTrainer.Train"/> is asked to do (docs/design.md §6, Churn model).</summary>
public sealed record ChurnTrainingOptions
{
    /// <summary>The <c>customer-events</c> JSON-lines file, or, with <see cref="Source"/>, how messages name the input.</summary>
    public required string InputPath { get; init; }

    /// <summary>Where the records come from; null: the JSON-lines file <see cref="InputPath"/>.</summary>
    public CustomerEventSource? Source { get; init; }

    /// <summary>The input: <see cref="Source"/>, or the file <see cref="InputPath"/>.</summary>
    public CustomerEventSource Input => Source ?? CustomerEventSource.FromFile(InputPath);

    /// <summary>Where the model zip goes; the metrics (<c>.metrics.json</c>) and the report (<c>.md</c>) go next to it.</summary>
    public required string OutputPath { get; init; }

    /// <summary>T, the test snapshot's instant; null: the newest event time − <see cref="Horizon"/>.</summary>
    public EventTime? AsOf { get; init; }

    /// <summary>The label horizon: churned = no purchase in (S, S + horizon]; whole days.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The seed of the fit/validation split, the trainers and the permutation importance.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>A customer is in a snapshot at S only with an event in (S − this, S] (and a purchase at or before S).</summary>
    public TimeSpan ActiveWithin { get; init; } = TimeSpan.FromDays(90);

    /// <summary>The share of the train snapshot's customers that the models are fitted on; the rest validates.</summary>
    public double FitShare { get; init; } = 0.8;

    /// <summary>The feature settings; the model records them.</summary>
    public BehaviourSettings FeatureSettings { get; init; } = BehaviourSettings.Default;

    /// <summary>The metrics file of a model zip.</summary>
    public static string MetricsPath(string outputPath) => outputPath + ".metrics.json";

    /// <summary>The Markdown report of a model zip.</summary>
    public static string ReportPath(string outputPath) => outputPath + ".md";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(InputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputPath);
        ArgumentNullException.ThrowIfNull(FeatureSettings);
        FeatureSettings.Validate();
        if (Horizon < TimeSpan.FromDays(1) || Horizon > TimeSpan.FromDays(365) || Horizon.Ticks % TimeSpan.TicksPerDay != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Horizon), Horizon, "must be a whole number of days between 1 and 365");
        }

        if (ActiveWithin <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ActiveWithin), ActiveWithin, "must be positive");
        }

        if (!(FitShare > 0 && FitShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FitShare), FitShare, "must be in (0, 1)");
        }
    }
}
