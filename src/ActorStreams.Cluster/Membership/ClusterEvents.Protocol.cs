using System.Text.Json;
using ActorStreams.Cluster.Membership.Internal;
using ActorStreams.Kafka;

namespace ActorStreams.Cluster.Membership;

/// <summary>
/// Something that happened in the cluster, as seen by one node (docs/admin-api.md, <c>GET /api/events</c>): membership
/// changes read from the members topic and this node's own rebalances and leave.
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
    public byte[] ToJsonUtf8()
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

/// <summary>A member joined the cluster, or became reachable again (its heartbeats arrive).</summary>
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

/// <summary>A member left the cluster: it wrote its tombstone, or it stayed unreachable long enough to be removed.</summary>
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

/// <summary>No heartbeat of a member arrived for 3 heartbeat intervals.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
/// <param name="Member">The member's node id.</param>
/// <param name="LastHeartbeat">When its last heartbeat was seen.</param>
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

/// <summary>The consumer group started a rebalance that involves this node.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
public sealed record RebalanceStarted(string NodeId, DateTimeOffset At) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "rebalance-started";
}

/// <summary>This node handed partitions off: drained their in-flight records and wrote their final checkpoints.</summary>
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

/// <summary>This node took partitions over: read their checkpoints and started their shards.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
/// <param name="Partitions">The assigned input partitions.</param>
/// <param name="Duration">Reading the checkpoints and starting the shards.</param>
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

/// <summary>The rebalance is over for this node: it processes its (new) partitions.</summary>
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

/// <summary>This node began a graceful leave: it publishes <c>leaving</c>, hands its shards off, then writes its tombstone.</summary>
/// <param name="NodeId">The node reporting the event.</param>
/// <param name="At">When it reported it.</param>
public sealed record NodeLeaving(string NodeId, DateTimeOffset At) : ClusterEvent(NodeId, At)
{
    /// <inheritdoc />
    public override string Type => "node-leaving";
}
