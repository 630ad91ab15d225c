using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain.Loans;
using Akka.Actor;

namespace ActorStreams.Entities.Loans;

/// <summary>
/// The loan type for sharding: fed by partition l of <c>actorstreams-repartition-loans</c>; its entities are devices
/// (<c>device:…</c>) and the channel and segment aggregates (<c>channel:…</c>, <c>segment:…</c>).
/// </summary>
internal sealed class LoanLogic(EntityServices entities, AnalyticsServices analytics) : IPartitionLogic
{
    private readonly DeviceKind _devices = new(analytics.Settings.Loans);
    private readonly LoanAggregateKind _aggregates = new(analytics.Settings.Loans);
    private Props? _deviceProps;
    private Props? _aggregateProps;

    public string Kind => LoanKind.KindName;

    public IReadOnlyList<string> InputTopics { get; } = [analytics.Topics.RepartitionLoans];

    // One Props per entity kind: an entity takes its id from its actor's name.
    public Props EntityProps(string entityId) => IsDevice(entityId)
        ? _deviceProps ??= EntityProducer<DeviceEntity>.Props(() => new DeviceEntity(_devices, entities, analytics))
        : _aggregateProps ??= EntityProducer<LoanAggregateEntity>.Props(() => new LoanAggregateEntity(_aggregates, entities, analytics));

    public PartitionFlow CreateFlow(PartitionContext context) => new LoanFlow(context, analytics);

    public byte[] Describe(string entityId, byte[] state)
    {
        var id = PartitionEntityIds.RecordId(entityId);
        return IsDevice(entityId)
            ? _devices.DescribeToJson(_devices.Restore(id, state))
            : _aggregates.DescribeToJson(_aggregates.Restore(id, state));
    }

    private static bool IsDevice(string entityId) =>
        PartitionEntityIds.RecordId(entityId).StartsWith(LoanWindowKeys.DevicePrefix, StringComparison.Ordinal);
}
