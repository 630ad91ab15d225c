namespace ActorStreams.Domain.Merchants;

/// <summary>A record of the <c>merchant-metrics</c> topic (docs/design.md §5); plain data for snake_case serialization.</summary>
public sealed record MerchantMetric
{
    /// <summary><c>metric_id</c> = <c>&lt;merchant_id&gt;:&lt;window_start ISO-8601&gt;</c>, e.g. <c>m-1:2026-11-22T05:17:00.000Z</c>.</summary>
    public required string MetricId { get; init; }

    /// <summary><c>merchant_id</c>.</summary>
    public required string MerchantId { get; init; }

    /// <summary><c>merchant_category</c>: the category of the window's first transaction.</summary>
    public required string MerchantCategory { get; init; }

    /// <summary><c>window_start</c>: the minute floor (inclusive).</summary>
    public required EventTime WindowStart { get; init; }

    /// <summary><c>window_end</c>: <c>window_start</c> + window size (exclusive).</summary>
    public required EventTime WindowEnd { get; init; }

    /// <summary><c>tx_count</c>.</summary>
    public required long TxCount { get; init; }

    /// <summary><c>total_amount</c>.</summary>
    public required decimal TotalAmount { get; init; }

    /// <summary><c>avg_amount</c> = <c>total_amount / tx_count</c> (decimal division, unrounded).</summary>
    public required decimal AvgAmount { get; init; }

    /// <summary><c>max_amount</c>.</summary>
    public required decimal MaxAmount { get; init; }

    /// <summary><c>fraud_alert_count</c>: the window's transactions that fired at least one fraud rule.</summary>
    public required long FraudAlertCount { get; init; }

    /// <summary><c>fraud_labeled_count</c>: the window's transactions labelled <c>is_fraud = true</c>.</summary>
    public required long FraudLabeledCount { get; init; }
}
