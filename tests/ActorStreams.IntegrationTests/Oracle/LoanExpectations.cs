namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>Every loan output the oracle expects from the <c>loan-applications</c> topic, by deterministic id.</summary>
public sealed record LoanExpectations
{
    /// <summary><c>loan-risk</c> by <c>application_id</c>: one per valid application.</summary>
    public required IReadOnlyDictionary<string, ExpectedLoanRisk> Risk { get; init; }

    /// <summary><c>loan-fraud-alerts</c> by <c>alert_id</c>.</summary>
    public required IReadOnlyDictionary<string, ExpectedLoanAlert> FraudAlerts { get; init; }

    /// <summary><c>loan-stats</c> by <c>metric_id</c>.</summary>
    public required IReadOnlyDictionary<string, ExpectedLoanStats> Stats { get; init; }

    /// <summary><c>loan-segments</c> by <c>metric_id</c>.</summary>
    public required IReadOnlyDictionary<string, ExpectedLoanSegment> Segments { get; init; }

    /// <summary><c>loan-channels</c> by <c>metric_id</c>.</summary>
    public required IReadOnlyDictionary<string, ExpectedLoanChannel> Channels { get; init; }

    /// <summary>Dead letters of <c>loan-applications</c> by source coordinates (<c>topic[partition]@offset</c>).</summary>
    public required IReadOnlyDictionary<string, ExpectedDeadLetter> DeadLetters { get; init; }

    /// <summary>Valid applications late for APPLICATION_BURST (<c>t &lt; maxT − 5 min</c> of their customer).</summary>
    public required int BurstLate { get; init; }

    /// <summary>Valid applications late for DEVICE_SHARED (at or before the watermark their partition carried).</summary>
    public required int DeviceLate { get; init; }

    /// <summary>Valid applications late for the windows (window end at or before the watermark their partition carried).</summary>
    public required int WindowLate { get; init; }

    /// <summary>Valid applications whose application_id their customer already had (§6): they change nothing.</summary>
    public int Duplicates { get; init; }

    /// <summary>A one-line summary for the test output.</summary>
    public override string ToString() =>
        $"{Risk.Count} loan-risk, {FraudAlerts.Count} loan fraud alerts ({string.Join(", ", FraudAlerts.Values.GroupBy(a => a.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}), " +
        $"{Stats.Count} loan-stats, {Segments.Count} loan-segments, {Channels.Count} loan-channels windows, {DeadLetters.Count} dead letters; " +
        $"late: {BurstLate} for APPLICATION_BURST, {DeviceLate} for DEVICE_SHARED, {WindowLate} for windows";
}
