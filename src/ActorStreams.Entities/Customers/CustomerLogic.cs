using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using Akka.Actor;

namespace ActorStreams.Entities.Customers;

/// <summary>The customer kind for sharding: fed by partition p of the co-partitioned customer topics.</summary>
internal sealed class CustomerLogic(EntityServices entities, AnalyticsServices analytics) : IPartitionLogic
{
    private readonly CustomerKind _kind = new(analytics.Settings.Customer);

    public string Kind => CustomerKind.KindName;

    public IReadOnlyList<string> InputTopics { get; } =
        [analytics.Topics.Transactions, analytics.Topics.CustomerActivity, analytics.Topics.CustomerDetails, analytics.Topics.LoanApplications, analytics.Topics.CustomerEvents];

    // One Props for every entity: an entity takes its id from its actor's name.
    private Props? _entityProps;

    public Props EntityProps(string entityId) => _entityProps ??= EntityProducer<CustomerEntity>.Props(() => new CustomerEntity(_kind, entities, analytics));

    public PartitionFlow CreateFlow(PartitionContext context) => new CustomerFlow(context, analytics);

    public byte[] Describe(string entityId, byte[] state) =>
        _kind.DescribeToJson(_kind.Restore(_kind.TryParseId(PartitionEntityIds.RecordId(entityId), out var id) ? id : 0, state));
}
