using ActorStreams.Domain.Behaviour.Internal;

namespace ActorStreams.Domain.Behaviour;

/// <summary>
/// One customer's behaviour features as of an instant (docs/design.md §6, Customer behaviour features), computed by
/// <see cref="BehaviourState.Compute"/>: the same function online and in training. <see cref="WriteVector"/> gives the
/// numeric part in the fixed order of <see cref="FeatureNames"/>.
/// </summary>
public sealed class BehaviourFeatures
{
    /// <summary>The length of the numeric vector.</summary>
    public const int VectorLength = 18;

    private readonly BehaviourScalars _scalars;
    private readonly long[] _hours;
    private readonly long[] _weekdays;

    internal BehaviourFeatures(in BehaviourScalars scalars, long[] hours, long[] weekdays, CategoryCount[] topCategories, string? devicePreference)
    {
        _scalars = scalars;
        _hours = hours;
        _weekdays = weekdays;
        TopCategories = topCategories;
        DevicePreference = devicePreference;
    }

    /// <summary>The names of the vector's elements, in order; a model trained on them checks them when it is loaded.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "recency_days", "frequency_90d", "monetary_90d", "tenure_days", "days_since_last_event", "events_30d", "events_90d",
        "purchases_30d", "sessions", "avg_session_length_min", "events_per_session", "cart_abandonment_rate", "top_category_share",
        "mobile_share", "desktop_share", "weekend_share", "night_share", "no_purchase_session_ewma",
    ];

    /// <summary><c>recency_days</c>: fractional days since the newest purchase (≥ 0); <see cref="TenureDays"/> without one.</summary>
    public double RecencyDays => _scalars.RecencyDays;

    /// <summary><c>frequency_90d</c>: purchase events in the long window of UTC days.</summary>
    public long Frequency90d => _scalars.Frequency90d;

    /// <summary><c>monetary_90d</c>: Σ price × quantity of those purchases.</summary>
    public decimal Monetary90d => _scalars.Monetary90d;

    /// <summary><c>tenure_days</c>: fractional days since the earliest event (≥ 0).</summary>
    public double TenureDays => _scalars.TenureDays;

    /// <summary><c>days_since_last_event</c>: fractional days since the newest event (≥ 0).</summary>
    public double DaysSinceLastEvent => _scalars.DaysSinceLastEvent;

    /// <summary><c>events_30d</c>: events of every type in the short window.</summary>
    public long Events30d => _scalars.Events30d;

    /// <summary><c>events_90d</c>: events of every type in the long window.</summary>
    public long Events90d => _scalars.Events90d;

    /// <summary><c>purchases_30d</c>: purchase events in the short window.</summary>
    public long Purchases30d => _scalars.Purchases30d;

    /// <summary><c>sessions</c>: inactivity sessions over the lifetime, the current one included.</summary>
    public long Sessions => _scalars.Sessions;

    /// <summary><c>avg_session_length_min</c>: mean of end − start over all sessions, in minutes.</summary>
    public double AvgSessionLengthMinutes => _scalars.AvgSessionLengthMinutes;

    /// <summary><c>events_per_session</c>: lifetime events / sessions.</summary>
    public double EventsPerSession => _scalars.EventsPerSession;

    /// <summary><c>cart_abandonment_rate</c>: among ended sessions with an add_to_cart, the share without a purchase.</summary>
    public double CartAbandonmentRate => _scalars.CartAbandonmentRate;

    /// <summary><c>top_category_share</c>: events of the first of <see cref="TopCategories"/> / all events.</summary>
    public double TopCategoryShare => _scalars.TopCategoryShare;

    /// <summary><c>mobile_share</c>: events with device <c>mobile</c> / all events.</summary>
    public double MobileShare => _scalars.MobileShare;

    /// <summary><c>desktop_share</c>: events with device <c>desktop</c> / all events.</summary>
    public double DesktopShare => _scalars.DesktopShare;

    /// <summary><c>weekend_share</c>: events on a UTC Saturday or Sunday / all events.</summary>
    public double WeekendShare => _scalars.WeekendShare;

    /// <summary><c>night_share</c>: events in UTC hours 0–5 / all events.</summary>
    public double NightShare => _scalars.NightShare;

    /// <summary>
    /// <c>no_purchase_session_ewma</c>: the exponentially weighted mean (α 0.3) over the sessions in order of the signal
    /// 1 = the session had no purchase, 0 = it had one: the §6 churn rule's form over sessions.
    /// </summary>
    public double NoPurchaseSessionEwma => _scalars.NoPurchaseSessionEwma;

    /// <summary>The largest categories by lifetime events, ties by name (ordinal); at most the configured count.</summary>
    public IReadOnlyList<CategoryCount> TopCategories { get; }

    /// <summary>The device with the most events, ties by name (ordinal); null without events.</summary>
    public string? DevicePreference { get; }

    /// <summary>Lifetime events per UTC hour, 24 counts from hour 0.</summary>
    public IReadOnlyList<long> HourProfile => _hours;

    /// <summary>Lifetime events per UTC weekday, 7 counts from Monday.</summary>
    public IReadOnlyList<long> WeekdayProfile => _weekdays;

    /// <summary>Writes the numeric features in the order of <see cref="FeatureNames"/> into the first <see cref="VectorLength"/> elements.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="VectorLength"/>.</exception>
    public void WriteVector(Span<float> destination) => _scalars.WriteVector(destination);
}
