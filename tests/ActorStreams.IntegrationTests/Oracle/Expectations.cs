namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>Every output the oracle expects from one input, by deterministic id.</summary>
public sealed record Expectations
{
    /// <summary>Fraud alerts by <c>alert_id</c>.</summary>
    public required IReadOnlyDictionary<string, ExpectedFraudAlert> FraudAlerts { get; init; }

    /// <summary>Churn alerts by <c>alert_id</c>, including the optional ones.</summary>
    public required IReadOnlyDictionary<string, ExpectedChurnAlert> ChurnAlerts { get; init; }

    /// <summary>The latest enriched record per <c>activity_id</c>.</summary>
    public required IReadOnlyDictionary<long, ExpectedEnrichedActivity> Enriched { get; init; }

    /// <summary>Merchant metrics by <c>metric_id</c>.</summary>
    public required IReadOnlyDictionary<string, ExpectedMetric> Metrics { get; init; }

    /// <summary>Dead letters by source coordinates (<c>topic[partition]@offset</c>).</summary>
    public required IReadOnlyDictionary<string, ExpectedDeadLetter> DeadLetters { get; init; }

    /// <summary>Valid transactions late for their customer's windowed rules.</summary>
    public required int CustomerLateTransactions { get; init; }

    /// <summary>Valid transactions late for their merchant window.</summary>
    public required int MerchantLateTransactions { get; init; }

    /// <summary>Valid transactions, activities (and, for the loan oracle, applications) whose id their customer already had (§6).</summary>
    public int Duplicates { get; init; }

    /// <summary>A one-line summary for the test output.</summary>
    public override string ToString() =>
        $"{FraudAlerts.Count} fraud alerts ({string.Join(", ", FraudAlerts.Values.GroupBy(a => a.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}), " +
        $"{ChurnAlerts.Values.Count(a => !a.Optional)} churn alerts (+{ChurnAlerts.Values.Count(a => a.Optional)} optional), {Enriched.Count} enriched activities, " +
        $"{Metrics.Count} merchant metrics, {DeadLetters.Count} dead letters, {Duplicates} duplicates; late: {CustomerLateTransactions} for customers, {MerchantLateTransactions} for merchants";
}
