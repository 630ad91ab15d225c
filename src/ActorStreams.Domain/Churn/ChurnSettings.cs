namespace ActorStreams.Domain.Churn;

/// <summary>Churn scoring parameters (docs/design.md §6); built from <c>actorstreams.churn</c>.</summary>
public sealed record ChurnSettings
{
    /// <summary>The contract defaults.</summary>
    public static ChurnSettings Default { get; } = new();

    /// <summary>Weight α of the newest propensity: <c>score_n = α·p_n + (1 − α)·score_{n−1}</c>.</summary>
    public double Alpha { get; init; } = 0.3;

    /// <summary>CHURN_RISK fires when <c>previous_score ≤ threshold &lt; score</c>.</summary>
    public double Threshold { get; init; } = 0.7;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (!(Alpha > 0 && Alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "must be in (0, 1]");
        }

        if (!double.IsFinite(Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "must be a finite number");
        }
    }
}
