namespace ActorStreams.Domain.Funnel;

/// <summary>A record of the <c>churn-segments</c> topic (docs/design.md §5, §6 Funnel and segments).</summary>
public sealed record ChurnSegmentMetric
{
    /// <summary>The <c>metric_id</c> prefix.</summary>
    public const string IdPrefix = "segments";

    /// <summary><c>metric_id</c> = <c>segments:&lt;window_start ISO-8601&gt;</c>.</summary>
    public required string MetricId { get; init; }

    /// <summary><c>window_start</c>.</summary>
    public required EventTime WindowStart { get; init; }

    /// <summary><c>window_end</c>.</summary>
    public required EventTime WindowEnd { get; init; }

    /// <summary><c>scored</c>: distinct customers scored in the window.</summary>
    public required long Scored { get; init; }

    /// <summary><c>high</c>: customers whose last score is ≥ its threshold.</summary>
    public required long High { get; init; }

    /// <summary><c>medium</c>: customers whose last score is ≥ half its threshold and below it.</summary>
    public required long Medium { get; init; }

    /// <summary><c>low</c>: the others.</summary>
    public required long Low { get; init; }

    /// <summary><c>threshold</c> of the window's last score.</summary>
    public required double Threshold { get; init; }

    /// <summary><c>model_version</c> of the window's last score.</summary>
    public required string ModelVersion { get; init; }

    /// <summary><c>model_versions</c>: the distinct versions of the customers' last scores, ordinal order.</summary>
    public required IReadOnlyList<string> ModelVersions { get; init; }
}
