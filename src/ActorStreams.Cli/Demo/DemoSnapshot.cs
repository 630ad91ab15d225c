using ActorStreams.Node.Jobs;

namespace ActorStreams.Cli.Demo;

/// <summary>An input topic: records produced by the demo, consumed by the nodes, the consume rate and the lag.</summary>
internal sealed record DemoTopicRow(string Topic, long Produced, long Consumed, double PerSecond)
{
    /// <summary>Produced and not yet consumed.</summary>
    public long Lag => Math.Max(0, Produced - Consumed);
}

/// <summary>An output: records emitted by the nodes and the rate.</summary>
internal sealed record DemoOutputRow(string Name, long Total, double PerSecond);

/// <summary>A node of the cluster table.</summary>
internal sealed record DemoNodeRow(string NodeId, int Shards, string ShardRanges, long ActiveEntities, long Checkpoints, long EventsIn);

/// <summary>Everything one frame of the view (or one progress line, or the summary) shows, at one instant.</summary>
internal sealed record DemoSnapshot
{
    public required TimeSpan Elapsed { get; init; }

    public required string Bootstrap { get; init; }

    public required int Partitions { get; init; }

    public required string Store { get; init; }

    /// <summary>The demo's input topics (transactions, customer-activity, customer-details, loan-applications, customer-events).</summary>
    public required IReadOnlyList<DemoTopicRow> Inputs { get; init; }

    /// <summary>Records consumed from the internal merchant repartition topic.</summary>
    public required long RepartitionIn { get; init; }

    /// <summary>Fraud alerts, churn alerts (CHURN_RISK and CHURN_MODEL), enriched records, merchant metrics, the loan outputs.</summary>
    public required IReadOnlyList<DemoOutputRow> Outputs { get; init; }

    /// <summary>Fraud alerts per rule, every rule listed.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> AlertsByRule { get; init; }

    /// <summary>Transactions the generator labelled <c>is_fraud</c>.</summary>
    public required long LabelledFraud { get; init; }

    /// <summary>Fraud patterns injected, by the rule each is made to fire.</summary>
    public required IReadOnlyDictionary<string, long> InjectedPatterns { get; init; }

    public required long LateTransactions { get; init; }

    public required long MerchantLateEvents { get; init; }

    public required long DeadLetters { get; init; }

    /// <summary>Duplicate input records (counted, changed nothing).</summary>
    public long Duplicates { get; init; }

    public required long Misrouted { get; init; }

    public required long LostToRetention { get; init; }

    public required IReadOnlyList<DemoNodeRow> Nodes { get; init; }

    /// <summary>Customers scored by the churn model so far (a score at each session end and purchase).</summary>
    public long ModelScores { get; init; }

    /// <summary>Scores per second.</summary>
    public double ModelScoresPerSecond { get; init; }

    /// <summary>The churn model the nodes score with, <c>name version</c>, or null when they have none.</summary>
    public string? ChurnModel { get; init; }

    /// <summary>What the demo read from the fraud-alerts and merchant-metrics topics.</summary>
    public required DemoOutputsView Followed { get; init; }

    /// <summary>The scheduled jobs' last run each and their next instants, or null when the jobs are off or not answering yet.</summary>
    public JobHistory? Jobs { get; init; }

    public long EventsIn => Inputs.Sum(i => i.Consumed);

    public double InPerSecond => Inputs.Sum(i => i.PerSecond);

    public long EventsOut => Outputs.Sum(o => o.Total);

    public double OutPerSecond => Outputs.Sum(o => o.PerSecond);

    public long Lag => Inputs.Sum(i => i.Lag);

    public long FraudAlerts => AlertsByRule.Sum(r => r.Value);

    /// <summary>The CHURN_MODEL alerts' row, if the outputs have one.</summary>
    public DemoOutputRow? ChurnModelAlerts => Outputs.FirstOrDefault(o => o.Name == DemoSampler.ChurnModelAlerts);

    /// <summary>The customer-events row, if the inputs have one.</summary>
    public DemoTopicRow? CustomerEvents => Inputs.FirstOrDefault(i => i.Topic == CustomerEventsTopic);

    /// <summary>The name of the customer-events topic in <see cref="Inputs"/>.</summary>
    public string CustomerEventsTopic { get; init; } = "customer-events";
}

/// <summary>What the view's title says besides the counters.</summary>
internal sealed record DemoHeader(string StopHint, string? LogFile);
