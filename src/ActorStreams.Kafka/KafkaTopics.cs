namespace ActorStreams.Kafka;

/// <summary>
/// Physical topic names by logical name (<c>actorstreams.kafka.topics</c>). Code refers to topics
/// by logical name so deployments can rename them.
/// </summary>
public sealed record KafkaTopics
{
    /// <summary>The logical names, in configuration order.</summary>
    public static IReadOnlyList<string> LogicalNames { get; } =
    [
        "transactions", "customer-activity", "customer-details", "customer-offers", "loan-applications", "customer-events",
        "fraud-alerts", "churn-alerts", "customer-features", "enriched-activity", "merchant-metrics",
        "loan-risk", "loan-fraud-alerts", "loan-stats", "loan-segments", "loan-channels", "funnel-metrics", "churn-segments", "dead-letter", "fraud-monitor",
        "repartition-merchant", "repartition-loans",
    ];

    /// <summary>The default names of docs/design.md §5.</summary>
    public static KafkaTopics Default { get; } = new();

    /// <summary><c>transactions</c> (key customer_id).</summary>
    public string Transactions { get; init; } = "transactions";

    /// <summary><c>customer-activity</c> (key customer_id).</summary>
    public string CustomerActivity { get; init; } = "customer-activity";

    /// <summary><c>customer-details</c> (compacted, key customer_id).</summary>
    public string CustomerDetails { get; init; } = "customer-details";

    /// <summary><c>customer-offers</c> (compacted, key offer_id; a global table).</summary>
    public string CustomerOffers { get; init; } = "customer-offers";

    /// <summary><c>loan-applications</c> (key customer_id).</summary>
    public string LoanApplications { get; init; } = "loan-applications";

    /// <summary><c>customer-events</c>: shop behaviour (views, cart changes, purchases; key customer_id).</summary>
    public string CustomerEvents { get; init; } = "customer-events";

    /// <summary><c>fraud-alerts</c> output.</summary>
    public string FraudAlerts { get; init; } = "fraud-alerts";

    /// <summary><c>churn-alerts</c> output.</summary>
    public string ChurnAlerts { get; init; } = "churn-alerts";

    /// <summary><c>customer-features</c> output: behaviour features at each session end and purchase (key customer_id).</summary>
    public string CustomerFeatures { get; init; } = "customer-features";

    /// <summary><c>enriched-activity</c> output.</summary>
    public string EnrichedActivity { get; init; } = "enriched-activity";

    /// <summary><c>merchant-metrics</c> output.</summary>
    public string MerchantMetrics { get; init; } = "merchant-metrics";

    /// <summary><c>loan-risk</c> output (key customer_id).</summary>
    public string LoanRisk { get; init; } = "loan-risk";

    /// <summary><c>loan-fraud-alerts</c> output (key customer_id).</summary>
    public string LoanFraudAlerts { get; init; } = "loan-fraud-alerts";

    /// <summary><c>loan-stats</c> output (key channel).</summary>
    public string LoanStats { get; init; } = "loan-stats";

    /// <summary><c>loan-segments</c> output (key segment).</summary>
    public string LoanSegments { get; init; } = "loan-segments";

    /// <summary><c>loan-channels</c> output (key channel).</summary>
    public string LoanChannels { get; init; } = "loan-channels";

    /// <summary><c>funnel-metrics</c> output: the shop funnel per category and window (key category).</summary>
    public string FunnelMetrics { get; init; } = "funnel-metrics";

    /// <summary><c>churn-segments</c> output: customers scored by the churn model per risk band and window (key <c>segments</c>).</summary>
    public string ChurnSegments { get; init; } = "churn-segments";

    /// <summary><c>dead-letter</c>: undecodable records with the reason.</summary>
    public string DeadLetter { get; init; } = "dead-letter";

    /// <summary><c>fraud-monitor</c>: the spikes the scheduled fraud monitor found (key: the rule or merchant category).</summary>
    public string FraudMonitor { get; init; } = "fraud-monitor";

    /// <summary>The merchant repartition topic (key merchant_id).</summary>
    public string RepartitionMerchant { get; init; } = "actorstreams-repartition-merchant";

    /// <summary>The loan repartition topic: applications keyed by device_id, window partials keyed by channel or segment.</summary>
    public string RepartitionLoans { get; init; } = "actorstreams-repartition-loans";

    /// <summary>Every (logical name, topic) pair, in <see cref="LogicalNames"/> order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> All =>
        [.. LogicalNames.Select(name => KeyValuePair.Create(name, Resolve(name)))];

    /// <summary>The topic configured for <paramref name="logicalName"/>.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="LogicalNames"/>.</exception>
    public string Resolve(string logicalName) => logicalName switch
    {
        "transactions" => Transactions,
        "customer-activity" => CustomerActivity,
        "customer-details" => CustomerDetails,
        "customer-offers" => CustomerOffers,
        "loan-applications" => LoanApplications,
        "customer-events" => CustomerEvents,
        "fraud-alerts" => FraudAlerts,
        "churn-alerts" => ChurnAlerts,
        "customer-features" => CustomerFeatures,
        "enriched-activity" => EnrichedActivity,
        "merchant-metrics" => MerchantMetrics,
        "loan-risk" => LoanRisk,
        "loan-fraud-alerts" => LoanFraudAlerts,
        "loan-stats" => LoanStats,
        "loan-segments" => LoanSegments,
        "loan-channels" => LoanChannels,
        "funnel-metrics" => FunnelMetrics,
        "churn-segments" => ChurnSegments,
        "dead-letter" => DeadLetter,
        "fraud-monitor" => FraudMonitor,
        "repartition-merchant" => RepartitionMerchant,
        "repartition-loans" => RepartitionLoans,
        _ => throw new ArgumentException(
            $"unknown logical topic \"{logicalName}\"; expected one of {string.Join(", ", LogicalNames)}", nameof(logicalName)),
    };
}
