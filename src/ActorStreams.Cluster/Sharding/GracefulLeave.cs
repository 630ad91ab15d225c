using Akka.Actor;
using Akka.Cluster;

namespace ActorStreams.Cluster.Sharding;

/// <summary>
/// The node's part of CoordinatedShutdown (docs/design.md §2). Akka hands the shard regions off before the member
/// leaves; for partitions that order is wrong: a member that is still Up gets shards allocated while its own are being
/// handed off, and the coordinator rebalances the others' shards meanwhile. So, before the regions hand off, the node
/// waits until no member is unreachable (the Split Brain Resolver does not count a leaving member on its side), stops
/// the keep-alive (or it keeps restarting consumers being handed off), leaves, and waits until the other members have
/// seen it leaving — then <see cref="LeavingAwareAllocationStrategy"/> places nothing on it and moves nothing else.
/// </summary>
public static class GracefulLeave
{
    /// <summary>How long the node waits for the others to see it leaving.</summary>
    public static readonly TimeSpan LeaveSeenTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers the leave-first task in the <c>before-service-unbind</c> phase of <paramref name="system"/>'s
    /// CoordinatedShutdown. <paramref name="onLeaving"/> runs first (e.g. to publish a cluster event);
    /// <paramref name="keepAlive"/> returns the keep-alive to stop, if any.
    /// </summary>
    public static void Register(ActorSystem system, Func<IActorRef?> keepAlive, Action? onLeaving = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(keepAlive);
        time ??= TimeProvider.System;
        var cluster = Akka.Cluster.Cluster.Get(system);
        var config = system.Settings.Config;
        var stableAfter = config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after", TimeSpan.FromSeconds(20));

        // The whole task must end within its phase's timeout, leave included.
        var phase = config.GetTimeSpan("akka.coordinated-shutdown.phases.before-service-unbind.timeout", TimeSpan.FromSeconds(60));
        var unreachableWait = TimeSpan.FromTicks(Math.Max(0, Math.Min((stableAfter + LeaveSeenTimeout).Ticks, (phase - LeaveSeenTimeout - TimeSpan.FromSeconds(10)).Ticks)));
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "actorstreams-leave-first", async () =>
        {
            onLeaving?.Invoke();
            var waiting = time.GetTimestamp();
            while (!cluster.State.Unreachable.IsEmpty && time.GetElapsedTime(waiting) < unreachableWait)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }

            if (keepAlive() is { } actor)
            {
                await actor.GracefulStop(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }

            cluster.Leave(cluster.SelfAddress);
            var started = time.GetTimestamp();
            while (!SeenLeaving(cluster) && time.GetElapsedTime(started) < LeaveSeenTimeout)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }

            return Akka.Done.Instance;
        });
    }

    /// <summary>Whether this member is no longer Up and every reachable member has seen the gossip saying so.</summary>
    private static bool SeenLeaving(Akka.Cluster.Cluster cluster)
    {
        var state = cluster.State;
        var self = state.Members.FirstOrDefault(m => m.Address == cluster.SelfAddress);
        if (self is { Status: MemberStatus.Up or MemberStatus.Joining or MemberStatus.WeaklyUp })
        {
            return false;
        }

        return state.Members.Where(m => !state.Unreachable.Contains(m)).All(m => state.SeenBy.Contains(m.Address));
    }
}
