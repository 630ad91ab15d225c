namespace ActorStreams.Cli.Demo;

/// <summary>One fraud alert as the view lists it.</summary>
internal sealed record DemoAlert(string AlertId, string Rule, long CustomerId, decimal Amount, string MerchantId, string MerchantCategory, DateTimeOffset EventTime);

/// <summary>A merchant category: fraud alerts received in the last minute and its totals in the latest merchant window.</summary>
internal sealed record DemoCategory(string Category, int AlertsLastMinute, long WindowTransactions, decimal WindowAmount, long WindowFraudTransactions);

/// <summary>What <see cref="DemoOutputs"/> has seen of the output topics.</summary>
internal sealed record DemoOutputsView
{
    public static DemoOutputsView Empty { get; } = new();

    /// <summary>The newest alerts first.</summary>
    public IReadOnlyList<DemoAlert> LatestAlerts { get; init; } = [];

    /// <summary>The busiest categories (transactions of the latest window, then alerts of the last minute).</summary>
    public IReadOnlyList<DemoCategory> Categories { get; init; } = [];

    /// <summary>Start of the latest merchant window emitted, if any.</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>Records of either topic the view could not read (shown when not zero).</summary>
    public long UnreadableRecords { get; init; }
}
