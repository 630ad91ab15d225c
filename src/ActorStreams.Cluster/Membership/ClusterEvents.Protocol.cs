using System.Text.Json;
using ActorStreams.Cluster.Membership.Internal;
using ActorStreams.Kafka;

namespace ActorStreams.Cluster.Membership;

/// <summary>
/// Something that happened in the cluster, as seen by one node (docs/admin-api.md, <c>GET /api/events</c>): Akka.Cluster's
/// membership and reachability changes as this node sees them, and the partition handoffs and leaves of every node.
/// </summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
public abstract record ClusterEvent(string NodeId, DateTimeOffset At)
{
    /// <summary>The event's type on the wire: <c>member-up</c>, <c>partitions-assigned</c>, ….</summary>
    public abstract string Type { get; }

    /// <summary>Writes the event as one JSON object: <c>type</c>, <c>node_id</c>, <c>at</c> and the type's fields.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteString("node_id", NodeId);
        writer.WriteString("at", IsoTime.Format(At));
        WriteFields(writer);
        writer.WriteEndObject();
    }

    /// <summary>The event as UTF-8 JSON (<see cref="WriteTo"/>).</summary>
    public virtual byte[] ToJsonUtf8()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the fields specific to the event type.</summary>
    protected virtual void WriteFields(Utf8JsonWriter writer)
    {
    }

    /// <summary>Writes partitions as <c>["transactions-0", …]</c>.</summary>
    protected static void WritePartitions(Utf8JsonWriter writer, IReadOnlyList<KafkaPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(partitions);
        writer.WriteStartArray("partitions");
        foreach (var partition in partitions)
        {
            writer.WriteStringValue($"{partition.Topic}-{partition.Partition}");
        }

        writer.WriteEndArray();
    }
}

/// <summary>A member is up in the cluster, or reachable again.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
/// <param name="Member">The member's node id.</param>
/// <param name="Address">The member's admin API address (<c>host:port</c>).</param>
public sealed record MemberUp(string NodeId, DateTimeOffset At, string Member, string Address) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "member-up";

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("member", Member);
        writer.WriteString("address", Address);
    }
}

/// <summary>A member left the cluster gracefully (removed after leaving).</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
/// <param name="Member">The member's node id.</param>
public sealed record MemberLeft(string NodeId, DateTimeOffset At, string Member) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "member-left";

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("member", Member);
    }
}

/// <summary>Akka's failure detector finds a member unreachable.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
/// <param name="Member">The member's node id.</param>
/// <param name="LastHeartbeat">When this node last heard from it.</param>
public sealed record MemberUnreachable(string NodeId, DateTimeOffset At, string Member, DateTimeOffset LastHeartbeat) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "member-unreachable";

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("member", Member);
        writer.WriteString("last_heartbeat", IsoTime.Format(LastHeartbeat));
    }
}

/// <summary>Partitions start moving to or from this node (its first handoff or takeover after a quiet period).</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
public sealed record RebalanceStarted(string NodeId, DateTimeOffset At) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "rebalance-started";
}

/// <summary>This node handed partitions off: stopped reading them, finished their in-flight records and wrote their final checkpoints.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
/// <param name="Partitions">The revoked input partitions.</param>
/// <param name="Duration">Drain and final checkpoints.</param>
public sealed record PartitionsRevoked(string NodeId, DateTimeOffset At, IReadOnlyList<KafkaPartition> Partitions, TimeSpan Duration) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "partitions-revoked";

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WritePartitions(writer, Partitions);
        writer.WriteNumber("duration_ms", Math.Round(Duration.TotalMilliseconds, 1));
    }
}

/// <summary>This node took partitions over: recovered their ledgers and started their pipelines.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
/// <param name="Partitions">The assigned input partitions.</param>
/// <param name="Duration">Recovering the ledgers and starting the pipelines.</param>
public sealed record PartitionsAssigned(string NodeId, DateTimeOffset At, IReadOnlyList<KafkaPartition> Partitions, TimeSpan Duration) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "partitions-assigned";

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WritePartitions(writer, Partitions);
        writer.WriteNumber("duration_ms", Math.Round(Duration.TotalMilliseconds, 1));
    }
}

/// <summary>Partitions stopped moving to or from this node: it processes its (new) partitions.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
/// <param name="Duration">Since <see cref="RebalanceStarted"/>.</param>
public sealed record RebalanceFinished(string NodeId, DateTimeOffset At, TimeSpan Duration) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "rebalance-finished";

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("duration_ms", Math.Round(Duration.TotalMilliseconds, 1));
    }
}

/// <summary>This node began a graceful leave: it leaves the cluster, then hands its partitions off.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
public sealed record NodeLeaving(string NodeId, DateTimeOffset At) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "node-leaving";
}

/// <summary>A member that was down (crashed, or downed by the Split Brain Resolver) was removed from the cluster.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
/// <param name="Member">The member's node id.</param>
public sealed record MemberRemoved(string NodeId, DateTimeOffset At, string Member) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "member-removed";

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("member", Member);
    }
}

/// <summary>An event another node reported (its handoffs, rebalances, leave), relayed to this one as it was written.</summary>
/// <param name="NodeId">The node that reported it.</param>
/// <param name="At">When it reported it.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Json">The event as that node wrote it (<see cref="ClusterEvent.ToJsonUtf8"/>).</param>
public sealed record RelayedClusterEvent(string NodeId, DateTimeOffset At, string EventType, byte[] Json) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => EventType;

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => Json;
}
