using System.Text;
using ActorStreams.Kafka.Consumer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Cluster.Membership;

/// <summary>
/// The cluster's members as the members topic tells them (docs/design.md §2): fed with every record of the topic (a
/// <see cref="GlobalTableReader"/> calls <see cref="OnRecord"/>), it keeps the latest heartbeat of each node of this
/// group, drops a node on its tombstone, and judges a node unreachable when no heartbeat arrived for
/// <see cref="MissedHeartbeats"/> intervals. Changes are published as <see cref="MemberUp"/>,
/// <see cref="MemberLeft"/> and <see cref="MemberUnreachable"/> once the view has caught up with the topic.
/// </summary>
/// <remarks>
/// Liveness is measured on this node's clock from the moment a heartbeat is read, so clocks of different hosts need
/// not agree; a heartbeat that is already older than the unreachable limit when read (the topic's history at start-up)
/// counts from its own <c>heartbeat_at</c>. A member unreachable for <see cref="RemoveAfter"/> is removed (it crashed:
/// nobody writes its tombstone).
/// </remarks>
public sealed partial class MembershipView : IDisposable
{
    /// <summary>Heartbeat intervals without a heartbeat after which a member is unreachable.</summary>
    public const int MissedHeartbeats = 3;

    /// <summary>Default of <see cref="RemoveAfter"/>.</summary>
    public static readonly TimeSpan DefaultRemoveAfter = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _members = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ClusterEventBus? _events;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;
    private bool _caughtUp;

    /// <summary>Creates an empty view and starts its reachability checks (every heartbeat interval).</summary>
    /// <param name="groupId">The cluster's group id: records of other groups are ignored.</param>
    /// <param name="heartbeatInterval">The members' heartbeat interval (<c>actorstreams.cluster.heartbeat-interval</c>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="events">Where membership events go (none when null).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="removeAfter">How long a member stays unreachable before it is removed; default <see cref="DefaultRemoveAfter"/>.</param>
    public MembershipView(string groupId, TimeSpan heartbeatInterval, TimeProvider time, ClusterEventBus? events = null, ILogger? logger = null, TimeSpan? removeAfter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(heartbeatInterval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        GroupId = groupId;
        HeartbeatInterval = heartbeatInterval;
        UnreachableAfter = heartbeatInterval * MissedHeartbeats;
        RemoveAfter = removeAfter ?? DefaultRemoveAfter;
        ArgumentOutOfRangeException.ThrowIfLessThan(RemoveAfter, UnreachableAfter, nameof(removeAfter));
        _time = time;
        _events = events;
        _logger = logger ?? NullLogger.Instance;
        _sweeper = time.CreateTimer(_ => Sweep(), null, heartbeatInterval, heartbeatInterval);
    }

    /// <summary>The cluster's group id.</summary>
    public string GroupId { get; }

    /// <summary>The members' heartbeat interval.</summary>
    public TimeSpan HeartbeatInterval { get; }

    /// <summary>Silence after which a member is unreachable (<see cref="MissedHeartbeats"/> intervals).</summary>
    public TimeSpan UnreachableAfter { get; }

    /// <summary>Silence after which an unreachable member is removed from the view.</summary>
    public TimeSpan RemoveAfter { get; }

    /// <summary>Whether <see cref="MarkCaughtUp"/> was called (events flow from then on).</summary>
    public bool IsCaughtUp
    {
        get
        {
            lock (_gate)
            {
                return _caughtUp;
            }
        }
    }

    /// <summary>Every member now, sorted by node id.</summary>
    public IReadOnlyList<Member> Members
    {
        get
        {
            var now = _time.GetUtcNow();
            lock (_gate)
            {
                return [.. _members.Values.Select(e => e.ToMember(now, UnreachableAfter)).OrderBy(m => m.NodeId, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The member <paramref name="nodeId"/>, or null when it is not in the view.</summary>
    public Member? Find(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _members.TryGetValue(nodeId, out var entry) ? entry.ToMember(now, UnreachableAfter) : null;
        }
    }

    /// <summary>
    /// The member whose latest heartbeat lists <paramref name="partition"/> of <paramref name="kind"/>, or null. While
    /// partitions move two heartbeats may claim one: a reachable member wins, then the latest heartbeat.
    /// </summary>
    public Member? OwnerOf(string kind, int partition)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Members
            .Where(m => m.Record.PartitionsOf(kind).Contains(partition))
            .OrderBy(m => m.Status == MemberStatus.Unreachable ? 1 : 0)
            .ThenByDescending(m => m.LastHeartbeat)
            .FirstOrDefault();
    }

    /// <summary>Applies one record of the members topic (the <see cref="GlobalTableReader"/> callback); invalid records are logged and skipped.</summary>
    public void OnRecord(KafkaTableRecord record)
    {
        if (record.Key is not { Length: > 0 } keyBytes)
        {
            LogInvalid(_logger, record.Partition, record.Offset, "no key");
            return;
        }

        var key = Encoding.UTF8.GetString(keyBytes);
        if (record.Value is null)
        {
            Apply(key, null);
            return;
        }

        if (!MemberRecord.TryParse(record.Value, out var member, out var error))
        {
            LogInvalid(_logger, record.Partition, record.Offset, error);
            return;
        }

        if (!string.Equals(member.NodeId, key, StringComparison.Ordinal))
        {
            LogInvalid(_logger, record.Partition, record.Offset, $"key \"{key}\" differs from node_id \"{member.NodeId}\"");
            return;
        }

        Apply(key, member);
    }

    /// <summary>Applies the heartbeat <paramref name="record"/> of <paramref name="nodeId"/>, or its tombstone when null.</summary>
    public void Apply(string nodeId, MemberRecord? record)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _members.TryGetValue(nodeId, out var existing);
            if (record is null)
            {
                if (existing is not null)
                {
                    _members.Remove(nodeId);
                    Publish(new MemberLeft(EventSource, now, nodeId));
                }

                return;
            }

            if (!string.Equals(record.GroupId, GroupId, StringComparison.Ordinal)
                || (existing is not null && record.HeartbeatAt < existing.Record.HeartbeatAt))
            {
                // Another cluster's member, or a heartbeat older than one already applied.
                return;
            }

            // Trust this node's clock for fresh heartbeats; history read at start-up keeps its own age.
            var lastSeen = now - record.HeartbeatAt > UnreachableAfter ? record.HeartbeatAt : now;
            if (now - lastSeen > RemoveAfter)
            {
                if (existing is not null)
                {
                    _members.Remove(nodeId);
                    Publish(new MemberLeft(EventSource, now, nodeId));
                }

                return;
            }

            var reachable = now - lastSeen <= UnreachableAfter;
            var entry = new Entry(record, lastSeen, Unreachable: !reachable);
            _members[nodeId] = entry;
            if (reachable && (existing is null || existing.Unreachable || existing.Record.StartedAt != record.StartedAt || existing.Record.HttpEndpoint != record.HttpEndpoint))
            {
                Publish(new MemberUp(EventSource, now, nodeId, record.HttpEndpoint));
            }
            else if (!reachable && existing is { Unreachable: false })
            {
                Publish(new MemberUnreachable(EventSource, now, nodeId, record.HeartbeatAt));
            }
        }
    }

    /// <summary>
    /// Says the view holds the whole topic as it was at start-up: from now on changes are published, starting with a
    /// <see cref="MemberUp"/> (or <see cref="MemberUnreachable"/>) for each current member.
    /// </summary>
    public void MarkCaughtUp()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_caughtUp)
            {
                return;
            }

            _caughtUp = true;
            foreach (var entry in _members.Values.OrderBy(e => e.Record.NodeId, StringComparer.Ordinal))
            {
                Publish(entry.Unreachable
                    ? new MemberUnreachable(EventSource, now, entry.Record.NodeId, entry.Record.HeartbeatAt)
                    : new MemberUp(EventSource, now, entry.Record.NodeId, entry.Record.HttpEndpoint));
            }
        }
    }

    /// <summary>Re-judges reachability now (the view's timer calls it every heartbeat interval).</summary>
    public void Sweep()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var (nodeId, entry) in _members.OrderBy(m => m.Key, StringComparer.Ordinal).ToList())
            {
                var silence = now - entry.LastSeen;
                if (silence > RemoveAfter)
                {
                    _members.Remove(nodeId);
                    LogRemoved(_logger, nodeId, silence.TotalSeconds);
                    Publish(new MemberLeft(EventSource, now, nodeId));
                }
                else if (silence > UnreachableAfter && !entry.Unreachable)
                {
                    _members[nodeId] = entry with { Unreachable = true };
                    Publish(new MemberUnreachable(EventSource, now, nodeId, entry.Record.HeartbeatAt));
                }
            }
        }
    }

    /// <summary>Stops the reachability checks.</summary>
    public void Dispose() => _sweeper.Dispose();

    private string EventSource => _events?.NodeId ?? string.Empty;

    private void Publish(ClusterEvent clusterEvent)
    {
        if (_caughtUp)
        {
            _events?.Publish(clusterEvent);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "members topic record [{Partition}]@{Offset} skipped: {Error}")]
    private static partial void LogInvalid(ILogger logger, int partition, long offset, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "member {NodeId} removed from the view: no heartbeat for {Seconds:0} s")]
    private static partial void LogRemoved(ILogger logger, string nodeId, double seconds);

    /// <param name="Record">The latest heartbeat.</param>
    /// <param name="LastSeen">Liveness time on this node's clock.</param>
    /// <param name="Unreachable">Whether the view has reported the member unreachable.</param>
    private sealed record Entry(MemberRecord Record, DateTimeOffset LastSeen, bool Unreachable)
    {
        public Member ToMember(DateTimeOffset now, TimeSpan unreachableAfter) =>
            new(Record, now - LastSeen > unreachableAfter ? MemberStatus.Unreachable : Record.Status);
    }
}
