using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using Akka.Actor;

namespace ActorStreams.Entities.Merchants;

/// <summary>The merchant kind for sharding: fed by partition m of the repartition topic.</summary>
internal sealed class MerchantLogic(EntityServices entities, AnalyticsServices analytics) : IPartitionLogic
{
    private readonly MerchantKind _kind = new(analytics.Settings.Merchant);

    public string Kind => MerchantKind.KindName;

    public IReadOnlyList<string> InputTopics { get; } = [analytics.Topics.RepartitionMerchant];

    // One Props for every entity: an entity takes its id from its actor's name.
    private Props? _entityProps;

    public Props EntityProps(string entityId) => _entityProps ??= EntityProducer<MerchantEntity>.Props(() => new MerchantEntity(_kind, entities, analytics));

    public PartitionFlow CreateFlow(PartitionContext context) => new MerchantFlow(context, analytics);

    public byte[] Describe(string entityId, byte[] state) =>
        _kind.DescribeToJson(_kind.Restore(Cluster.Sharding.PartitionEntityIds.RecordId(entityId), state));
}
