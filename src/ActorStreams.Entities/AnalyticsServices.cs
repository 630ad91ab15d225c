using ActorStreams.Entities.Offers;
using ActorStreams.Kafka;

namespace ActorStreams.Entities;

/// <summary>What the customer and merchant entities and flows of a node share besides the partition services.</summary>
public sealed record AnalyticsServices
{
    /// <summary>Rules, churn, enrichment and merchant window settings.</summary>
    public required EntitiesSettings Settings { get; init; }

    /// <summary>Analytics counters.</summary>
    public required EntityMetrics Metrics { get; init; }

    /// <summary>The offers global table.</summary>
    public required OfferTable Offers { get; init; }

    /// <summary>Topic names.</summary>
    public required KafkaTopics Topics { get; init; }

    /// <summary>Partitions of the customer-keyed input topics: the merchant side's upstream sources.</summary>
    public required int CustomerPartitions { get; init; }

    /// <summary>Partitions of the merchant repartition topic.</summary>
    public required int MerchantPartitions { get; init; }

    /// <summary>Partitions of the loan repartition topic.</summary>
    public required int LoanPartitions { get; init; }

    /// <summary>The churn model that scores customers' behaviour, or null when none is configured.</summary>
    public IChurnScoring? ChurnModel { get; init; }

    /// <summary>Wall-clock time (detected_at, idleness).</summary>
    public required TimeProvider Time { get; init; }
}
