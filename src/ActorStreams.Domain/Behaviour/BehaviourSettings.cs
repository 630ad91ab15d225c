namespace ActorStreams.Domain.Behaviour;

/// <summary>
/// Parameters of the customer behaviour features (docs/design.md §6, Customer behaviour features). The feature names
/// (<c>frequency_90d</c>, <c>events_30d</c>…) are those of the defaults; a model records the settings it was trained with.
/// </summary>
public sealed record BehaviourSettings
{
    /// <summary>The contract defaults.</summary>
    public static BehaviourSettings Default { get; } = new();

    /// <summary>
    /// Inactivity that ends a session: an event more than this after the current session's end starts a new one
    /// (exactly this much later still joins it).
    /// </summary>
    public TimeSpan SessionGap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>UTC days of the long window (<c>frequency_90d</c>, <c>monetary_90d</c>, <c>events_90d</c>), the day of the instant included.</summary>
    public int WindowDays { get; init; } = 90;

    /// <summary>UTC days of the short window (<c>events_30d</c>, <c>purchases_30d</c>); at most <see cref="WindowDays"/>.</summary>
    public int ShortWindowDays { get; init; } = 30;

    /// <summary>How many categories <see cref="BehaviourFeatures.TopCategories"/> lists.</summary>
    public int TopCategories { get; init; } = 5;

    /// <summary>
    /// Distinct categories, and distinct devices, counted one by one per customer: the first ones seen in arrival order.
    /// Events of a later new value are counted together as "other" (in every total, never in a top list), which bounds the state.
    /// </summary>
    public int MaxTrackedValues { get; init; } = 64;

    /// <summary>Weight α of the newest session in <c>no_purchase_session_ewma</c> (as the §6 churn score's α).</summary>
    public double SessionEwmaAlpha { get; init; } = 0.3;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (SessionGap <= TimeSpan.Zero || SessionGap > TimeSpan.FromDays(7))
        {
            throw new ArgumentOutOfRangeException(nameof(SessionGap), SessionGap, "must be positive and at most 7 days");
        }

        if (WindowDays is < 1 or > 3660)
        {
            throw new ArgumentOutOfRangeException(nameof(WindowDays), WindowDays, "must be between 1 and 3660");
        }

        if (ShortWindowDays < 1 || ShortWindowDays > WindowDays)
        {
            throw new ArgumentOutOfRangeException(nameof(ShortWindowDays), ShortWindowDays, $"must be between 1 and WindowDays ({WindowDays})");
        }

        if (MaxTrackedValues is < 1 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTrackedValues), MaxTrackedValues, "must be between 1 and 4096");
        }

        if (TopCategories < 1 || TopCategories > MaxTrackedValues)
        {
            throw new ArgumentOutOfRangeException(nameof(TopCategories), TopCategories, $"must be between 1 and MaxTrackedValues ({MaxTrackedValues})");
        }

        if (!(SessionEwmaAlpha > 0 && SessionEwmaAlpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SessionEwmaAlpha), SessionEwmaAlpha, "must be in (0, 1]");
        }
    }
}
