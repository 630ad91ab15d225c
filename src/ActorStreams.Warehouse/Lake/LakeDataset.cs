namespace ActorStreams.Warehouse.Lake;

/// <summary>
/// A dataset of the lake (docs/lake.md, Layout) and how the warehouse treats it: the table it loads into, its schema,
/// its event-time column and the columns the quality checks look at.
/// </summary>
/// <param name="Name">The dataset's directory under the lake, e.g. <c>transactions</c>.</param>
/// <param name="Table">The warehouse table it loads into.</param>
/// <param name="Schema">Its Avro schema's file name under <c>schemas/</c>.</param>
/// <param name="EventTime">The column whose hour places a row, or null when the row does not carry it (dead letters).</param>
/// <param name="Raw">True for the raw datasets, whose rows carry the <c>duplicate</c> flag.</param>
/// <param name="Keys">Columns that must never be null.</param>
/// <param name="UniqueKey">The column whose values are unique (among non-duplicate rows), or null.</param>
/// <param name="Amount">The amount column the bounds check covers, or null.</param>
public sealed record LakeDataset(string Name, string Table, string Schema, string? EventTime, bool Raw, IReadOnlyList<string> Keys, string? UniqueKey, string? Amount)
{
    /// <summary><c>transactions</c>, loaded into <c>raw_transactions</c>.</summary>
    public static LakeDataset Transactions { get; } =
        new("transactions", "raw_transactions", "transactions.avsc", "timestamp", Raw: true, ["transaction_id", "customer_id"], "transaction_id", "amount");

    /// <summary><c>customer_activity</c>.</summary>
    public static LakeDataset CustomerActivity { get; } =
        new("customer_activity", "customer_activity", "customer-activity.avsc", "timestamp", Raw: true, ["activity_id", "customer_id"], "activity_id", null);

    /// <summary><c>customer_events</c>: the shop's behaviour events.</summary>
    public static LakeDataset CustomerEvents { get; } =
        new("customer_events", "customer_events", "customer-events.avsc", "timestamp", Raw: true, ["event_id", "customer_id"], "event_id", null);

    /// <summary><c>fraud_alerts</c>.</summary>
    public static LakeDataset FraudAlerts { get; } =
        new("fraud_alerts", "fraud_alerts", "fraud-alerts.avsc", "event_time", Raw: false, ["alert_id", "transaction_id", "customer_id"], "alert_id", "amount");

    /// <summary><c>churn_alerts</c>.</summary>
    public static LakeDataset ChurnAlerts { get; } =
        new("churn_alerts", "churn_alerts", "churn-alerts.avsc", "event_time", Raw: false, ["alert_id", "activity_id", "customer_id"], "alert_id", null);

    /// <summary><c>enriched_activity</c>: re-emitted records share their activity_id, so it has no unique key.</summary>
    public static LakeDataset EnrichedActivity { get; } =
        new("enriched_activity", "enriched_activity", "enriched-activity.avsc", "event_time", Raw: false, ["activity_id", "customer_id"], null, null);

    /// <summary><c>merchant_metrics</c>.</summary>
    public static LakeDataset MerchantMetrics { get; } =
        new("merchant_metrics", "merchant_metrics", "merchant-metrics.avsc", "window_start", Raw: false, ["metric_id"], "metric_id", null);

    /// <summary><c>dead_letters</c>: placed by the source record's Kafka timestamp, which is not a column.</summary>
    public static LakeDataset DeadLetters { get; } =
        new("dead_letters", "dead_letters", "dead-letter.avsc", null, Raw: false, [], null, null);

    /// <summary>Every dataset, in load order.</summary>
    public static IReadOnlyList<LakeDataset> All { get; } =
        [Transactions, CustomerActivity, CustomerEvents, FraudAlerts, ChurnAlerts, EnrichedActivity, MerchantMetrics, DeadLetters];

    /// <summary>The dataset named <paramref name="name"/>, or null.</summary>
    public static LakeDataset? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
