using ActorStreams.Actors;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Entities.Customers;
using ActorStreams.Entities.Merchants;

namespace ActorStreams.Entities;

/// <summary>The entity kinds of ActorStreams, ready to plug into a <see cref="ShardRegion"/>.</summary>
public static class EntityShards
{
    /// <summary>The customer kind's name.</summary>
    public const string Customer = CustomerKind.KindName;

    /// <summary>The merchant kind's name.</summary>
    public const string Merchant = MerchantKind.KindName;

    /// <summary>
    /// Customers, fed by partition p of the co-partitioned customer topics, and merchants, fed by partition m of the
    /// repartition topic.
    /// </summary>
    public static IReadOnlyList<ShardKindRegistration> Registrations(ShardServices services, AnalyticsServices analytics)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(analytics);
        var topics = services.Kafka.Topics;
        return
        [
            new ShardKindRegistration(
                Customer,
                [topics.Transactions, topics.CustomerActivity, topics.CustomerDetails, topics.LoanApplications],
                (key, snapshot) => Props.Create(() => new CustomerShard(key, services, snapshot, analytics))),
            new ShardKindRegistration(
                Merchant,
                [topics.RepartitionMerchant],
                (key, snapshot) => Props.Create(() => new MerchantShard(key, services, snapshot, analytics))),
        ];
    }
}
