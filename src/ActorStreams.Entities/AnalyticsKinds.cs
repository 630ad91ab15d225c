using ActorStreams.Cluster.Partitions;
using ActorStreams.Entities.Customers;
using ActorStreams.Entities.Loans;
using ActorStreams.Entities.Merchants;

namespace ActorStreams.Entities;

/// <summary>The entity kinds of ActorStreams, ready for <see cref="Cluster.Sharding.PartitionSharding.StartRegion"/>.</summary>
public static class AnalyticsKinds
{
    /// <summary>The customer kind's name.</summary>
    public const string Customer = CustomerKind.KindName;

    /// <summary>The merchant kind's name.</summary>
    public const string Merchant = MerchantKind.KindName;

    /// <summary>The loan type's name (devices and loan aggregates).</summary>
    public const string Loan = LoanKind.KindName;

    /// <summary>Customers, fed by partition p of the co-partitioned customer topics.</summary>
    public static IPartitionLogic Customers(EntityServices entities, AnalyticsServices analytics) => new CustomerLogic(entities, analytics);

    /// <summary>Merchants, fed by partition m of the repartition topic.</summary>
    public static IPartitionLogic Merchants(EntityServices entities, AnalyticsServices analytics) => new MerchantLogic(entities, analytics);

    /// <summary>Devices and loan aggregates, fed by partition l of the loan repartition topic.</summary>
    public static IPartitionLogic Loans(EntityServices entities, AnalyticsServices analytics) => new LoanLogic(entities, analytics);
}
