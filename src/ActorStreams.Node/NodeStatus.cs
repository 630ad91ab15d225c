namespace ActorStreams.Node;

/// <summary>A point-in-time view of a node's counters (for the metrics log, the demo view and the admin API).</summary>
public sealed record NodeStatus
{
    /// <summary>The node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>When the node started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Records consumed, per input topic.</summary>
    public required IReadOnlyDictionary<string, long> EventsIn { get; init; }

    /// <summary>Fraud alerts, per rule.</summary>
    public required IReadOnlyDictionary<string, long> FraudAlerts { get; init; }

    /// <summary>CHURN_RISK alerts.</summary>
    public required long ChurnAlerts { get; init; }

    /// <summary>Customers scored by the churn model (at session ends and purchases).</summary>
    public long ModelScores { get; init; }

    /// <summary>CHURN_MODEL alerts.</summary>
    public long ChurnModelAlerts { get; init; }

    /// <summary>The churn model scoring now (<c>logistic_regression</c>, …), or null without <c>actorstreams.churn.model</c>.</summary>
    public string? ChurnModelName { get; init; }

    /// <summary>The version of the churn model scoring now (its zip's hash), or null without one.</summary>
    public string? ChurnModelVersion { get; init; }

    /// <summary>Enriched records (new and re-emitted).</summary>
    public required long EnrichedRecords { get; init; }

    /// <summary>Merchant metrics emitted.</summary>
    public required long MerchantMetrics { get; init; }

    /// <summary>Loan applications scored (one loan-risk record each).</summary>
    public long LoanApplications { get; init; }

    /// <summary>Loan fraud alerts, every rule.</summary>
    public long LoanFraudAlerts { get; init; }

    /// <summary>Channel windows emitted: each is one loan-stats and one loan-channels record.</summary>
    public long LoanChannelWindows { get; init; }

    /// <summary>Segment windows emitted: loan-segments records.</summary>
    public long LoanSegmentWindows { get; init; }

    /// <summary>Transactions late for the windowed rules (customer side).</summary>
    public required long LateTransactions { get; init; }

    /// <summary>Transactions late for merchant windows.</summary>
    public required long MerchantLateEvents { get; init; }

    /// <summary>Input records whose id their customer already had (transactions, activities, loan applications): changed nothing.</summary>
    public long Duplicates { get; init; }

    /// <summary>Input records processed (transactions, activities, details and loan applications that were neither dead-lettered nor duplicates).</summary>
    public long Processed { get; init; }

    /// <summary>Records sent to the dead-letter topic.</summary>
    public required long DeadLetters { get; init; }

    /// <summary>Records the analytics sent to the dead-letter topic, by the topic they were read from.</summary>
    public IReadOnlyDictionary<string, long> DeadLettersByTopic { get; init; } = new Dictionary<string, long>();

    /// <summary>Records whose key did not hash to their partition.</summary>
    public required long MisroutedRecords { get; init; }

    /// <summary>Records lost to broker retention before they were read.</summary>
    public required long RecordsLostToRetention { get; init; }

    /// <summary>Entities in memory.</summary>
    public required long ActiveEntities { get; init; }

    /// <summary>Entities passivated so far.</summary>
    public required long Passivations { get; init; }

    /// <summary>Checkpoints written.</summary>
    public required long Checkpoints { get; init; }

    /// <summary>Checkpoints that could not be written (store unavailable, or the partition fenced by another owner).</summary>
    public long CheckpointFailures { get; init; }

    /// <summary>Of those, checkpoints not written because another node had written the ledger since (docs/design.md §3, Fencing).</summary>
    public long LedgersLost { get; init; }

    /// <summary>Times the store became unavailable (the node paused its partitions until it answered again).</summary>
    public long StoreOutages { get; init; }

    /// <summary>The store is unavailable now: partitions paused, probing.</summary>
    public bool StoreUnavailable { get; init; }

    /// <summary>Records taken in by the partition pipelines and not yet finished (handled and outputs delivered).</summary>
    public required long InFlight { get; init; }

    /// <summary>Output records delivered to Kafka.</summary>
    public required long Produced { get; init; }

    /// <summary>Work delivered to an entity on another node (0 in steady state: entities live with their partition's consumer).</summary>
    public long RemoteDeliveries { get; init; }

    /// <summary>The shards (kind/partition) this node owns.</summary>
    public required IReadOnlyList<string> Shards { get; init; }
}
