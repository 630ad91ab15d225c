namespace ActorStreams.Node.Dashboard;

/// <summary>
/// What the dashboard shows at one instant (<c>GET /dashboard/snapshot</c>, and each event of <c>GET /dashboard/stream</c>):
/// the cluster's outputs as the node reads them back from Kafka, and the cluster's members. Time series cover the last
/// <c>actorstreams.dashboard.window</c> of event time, up to the newest event seen.
/// </summary>
internal sealed record DashboardSnapshot(
    DateTimeOffset GeneratedAt,
    string NodeId,
    long Sequence,
    DashboardTotals Totals,
    IReadOnlyList<MinuteCount> TransactionsPerMinute,
    IReadOnlyList<CategoryRow> Categories,
    RuleSeries AlertsByRule,
    IReadOnlyList<AlertRow> LatestAlerts,
    IReadOnlyList<ActivityTypeRow> ActivityTypes,
    InsuranceView Insurance,
    IReadOnlyList<LoanChannelRow> LoanChannels,
    IReadOnlyList<NodeRow> Nodes);

/// <summary>Records read back from each output topic (after de-duplication by id).</summary>
internal sealed record DashboardTotals(long FraudAlerts, long ChurnAlerts, long EnrichedActivities, long MerchantWindows, long LoanApplications, long UnreadableRecords);

/// <summary>One minute of event time and a count.</summary>
internal sealed record MinuteCount(DateTimeOffset Minute, long Count);

/// <summary>A merchant category: its transactions and average amount (merchant-metrics windows) and its fraud alerts (fraud-alerts).</summary>
internal sealed record CategoryRow(string Category, long Transactions, double AvgAmount, long FraudAlerts);

/// <summary>Fraud alerts per minute of event time, one series per rule.</summary>
internal sealed record RuleSeries(IReadOnlyList<DateTimeOffset> Minutes, IReadOnlyList<RuleCounts> Rules);

/// <summary>One rule's alerts per minute, aligned with <see cref="RuleSeries.Minutes"/>.</summary>
internal sealed record RuleCounts(string Rule, IReadOnlyList<long> Counts);

/// <summary>A fraud or churn alert for the live table.</summary>
internal sealed record AlertRow(string Type, string AlertId, string Rule, long CustomerId, string Subject, double Value, DateTimeOffset EventTime, DateTimeOffset DetectedAt);

/// <summary>An activity type: activities, their average churn score, and churn alerts.</summary>
internal sealed record ActivityTypeRow(string ActivityType, long Activities, double AvgChurnScore, long ChurnAlerts);

/// <summary>The insurance panels over the customers whose details joined their activity (enriched-activity).</summary>
internal sealed record InsuranceView(long Customers, double AvgFico, double AvgYearsActive, IReadOnlyList<GenderRow> Genders, IReadOnlyList<TopCustomer> TopCustomers);

/// <summary>A gender: customers and their average income.</summary>
internal sealed record GenderRow(string Gender, long Customers, double AvgIncome);

/// <summary>A customer among those with the highest income.</summary>
internal sealed record TopCustomer(long CustomerId, string Name, long Income, int Fico, int YearsActive);

/// <summary>A loan channel: applications and approvals (loan-stats windows) and risk levels (loan-risk).</summary>
internal sealed record LoanChannelRow(string Channel, long Applications, long Approved, double ApprovalRate, IReadOnlyDictionary<string, long> RiskLevels);

/// <summary>A cluster member as the node sees it.</summary>
internal sealed record NodeRow(string NodeId, string Status, int Partitions, long Entities, long Lag, double EventsPerSecond, bool Self);
