using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn;

/// <summary>Everything a training run found: what <c>&lt;out&gt;.metrics.json</c> and <c>&lt;out&gt;.md</c> state.</summary>
public sealed record ChurnReport
{
    /// <summary>The first 12 hex digits of the model zip's SHA-256.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>The model saved: the one with the higher validation PR-AUC.</summary>
    public required string Chosen { get; init; }

    /// <summary>The chosen model's threshold on its calibrated probability.</summary>
    public required float Threshold { get; init; }

    /// <summary>T: the test snapshot's instant.</summary>
    public required EventTime AsOf { get; init; }

    /// <summary>The label horizon in whole days.</summary>
    public required int HorizonDays { get; init; }

    /// <summary>The seed of the split, the trainers and the permutations.</summary>
    public required int Seed { get; init; }

    /// <summary>The feature settings the snapshots were computed with.</summary>
    public required BehaviourSettings FeatureSettings { get; init; }

    /// <summary>The train snapshot (at T − horizon), fit and validation together.</summary>
    public required SnapshotCounts Train { get; init; }

    /// <summary>The validation part of the train snapshot.</summary>
    public required SnapshotCounts Validation { get; init; }

    /// <summary>The test snapshot (at T).</summary>
    public required SnapshotCounts Test { get; init; }

    /// <summary>Each model's test figures at its own threshold.</summary>
    public required IReadOnlyList<ChurnModelMetrics> Models { get; init; }

    /// <summary>The rule proxy's test figures.</summary>
    public required ChurnModelMetrics Rule { get; init; }

    /// <summary>What the input file held.</summary>
    public required CustomerEventFileSummary Data { get; init; }
}
