using ActorStreams.Cluster.Membership;
using ActorStreams.Entities;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node;

/// <content>Membership (heartbeats, the view), cluster events and the graceful leave.</content>
public sealed partial class ActorStreamsNode
{
    /// <summary>How long a leave waits for the <c>leaving</c> heartbeat and for the tombstone to be delivered.</summary>
    private static readonly TimeSpan MembershipWriteTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a heartbeat waits for the shards' entity counts.</summary>
    private static readonly TimeSpan HeartbeatShardsTimeout = TimeSpan.FromSeconds(1);

    private void StartHeartbeats()
    {
        var heartbeats = new HeartbeatPublisher(
            Sink!, Kafka.Topics.Members, NodeId, Cluster.HeartbeatInterval, Time, HeartbeatSnapshotAsync, Membership, LoggerFactory.CreateLogger<HeartbeatPublisher>());
        Heartbeats = heartbeats;
        heartbeats.Start();

        // A heartbeat right after partitions move, so that the view (and entity forwarding) follows at once.
        var subscription = Events.Subscribe(replay: false);
        _heartbeatTrigger = Task.Run(async () =>
        {
            using (subscription)
            {
                await foreach (var clusterEvent in subscription.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    if (clusterEvent is PartitionsAssigned or PartitionsRevoked or RebalanceFinished)
                    {
                        heartbeats.RequestPublish();
                    }
                }
            }
        });
    }

    private async Task<MemberRecord> HeartbeatSnapshotAsync(CancellationToken cancellationToken)
    {
        var owned = Region.OwnedShards;
        var shards = await Region.GetShardsAsync(HeartbeatShardsTimeout, cancellationToken).ConfigureAwait(false);
        string[] kinds = [EntityShards.Customer, EntityShards.Merchant];
        return new MemberRecord
        {
            NodeId = NodeId,
            GroupId = Cluster.GroupId,
            HttpEndpoint = HttpAddress,
            Partitions = kinds.ToDictionary(
                k => k,
                k => (IReadOnlyList<int>)[.. owned.Where(s => s.Kind == k).Select(s => s.Partition).Order()],
                StringComparer.Ordinal),
            Entities = kinds.ToDictionary(k => k, k => (long)shards.Where(s => s.Kind == k).Sum(s => s.ActiveEntities), StringComparer.Ordinal),
            Lag = Lag().Sum(l => l.Lag),
            StartedAt = StartedAt,
            HeartbeatAt = Time.GetUtcNow(),
            Version = Version,
        };
    }

    private async Task StopAndCompleteAsync()
    {
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
            _stopped.TrySetResult();
        }
        catch (Exception ex)
        {
            _stopped.TrySetException(ex);
        }
    }

    /// <summary>
    /// The leave (docs/admin-api.md): <c>leaving</c> first, then the handoff (the source's revocation drains and writes
    /// the final checkpoints), then the tombstone; the admin API stops last.
    /// </summary>
    private async Task StopCoreAsync()
    {
        LogStopping(_logger, NodeId);
        Events.Publish(new NodeLeaving(NodeId, Time.GetUtcNow()));
        var heartbeats = Heartbeats;
        if (heartbeats is not null)
        {
            await MembershipWriteAsync(ct => heartbeats.LeavingAsync(ct), "leaving heartbeat").ConfigureAwait(false);
        }

        if (_reporter is { } reporter)
        {
            await reporter.DisposeAsync().ConfigureAwait(false);
        }

        if (_source is { } source)
        {
            await source.StopAsync().ConfigureAwait(false);
        }

        if (heartbeats is not null)
        {
            await MembershipWriteAsync(ct => heartbeats.StopAsync(tombstone: true, ct), "tombstone").ConfigureAwait(false);
            await heartbeats.DisposeAsync().ConfigureAwait(false);
        }

        if (_membersReader is { } members)
        {
            await members.DisposeAsync().ConfigureAwait(false);
        }

        Membership.Dispose();
        if (_offersReader is { } offers)
        {
            await offers.DisposeAsync().ConfigureAwait(false);
        }

        if (Sink is { } sink)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }

        if (System is { } system)
        {
            await system.Terminate().ConfigureAwait(false);
        }

        if (Store is { } store)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }

        if (_admin is { } admin)
        {
            await admin.StopAsync().ConfigureAwait(false);
        }

        Events.Complete();
        if (_heartbeatTrigger is { } trigger)
        {
            await trigger.ConfigureAwait(false);
        }

        LogStopped(_logger, NodeId);
    }

    /// <summary>A membership write of the leave; a failure (the producer faulted) is logged, the leave goes on.</summary>
    private async Task MembershipWriteAsync(Func<CancellationToken, Task> write, string what)
    {
        using var timeout = new CancellationTokenSource(MembershipWriteTimeout, Time);
        try
        {
            await write(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ActorStreamsException or OperationCanceledException)
        {
            LogMembershipWriteFailed(_logger, ex, NodeId, what);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId}: leave requested through the admin API")]
    private static partial void LogLeaveRequested(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {NodeId}: the {What} of the leave was not written; the others will find the node unreachable instead")]
    private static partial void LogMembershipWriteFailed(ILogger logger, Exception exception, string nodeId, string what);
}
