namespace ActorStreams.Cluster.Sharding;

/// <summary>A message for one entity (or partition consumer) of a sharded type, routed by its sharding entity id.</summary>
public interface IEntityMessage
{
    /// <summary>The sharding entity id (<see cref="PartitionEntityIds"/>).</summary>
    string EntityId { get; }
}
