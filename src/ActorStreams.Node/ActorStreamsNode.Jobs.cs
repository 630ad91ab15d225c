using ActorStreams.Node.Jobs;
using ActorStreams.Node.Jobs.Internal;
using ActorStreams.Warehouse.Jobs;
using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node;

/// <summary>The scheduled jobs (docs/lake.md, Scheduled jobs): a cluster singleton scheduler, asked through a proxy on every node.</summary>
public sealed partial class ActorStreamsNode
{
    private const string SchedulerName = "job-scheduler";

    private IActorRef? _jobsProxy;

    /// <summary>The scheduled jobs' settings (<c>actorstreams.jobs</c>).</summary>
    public JobsSettings Jobs { get; }

    /// <summary>
    /// The job scheduler's history, asked through this node's singleton proxy (the scheduler runs on one node of the
    /// cluster); null when the jobs are off.
    /// </summary>
    /// <exception cref="AskTimeoutException">The scheduler did not answer within <paramref name="timeout"/> (it is moving to another node).</exception>
    public async Task<JobHistory?> JobHistoryAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _jobsProxy is { } proxy
            ? await proxy.Ask<JobHistory>(GetJobHistory.Instance, timeout, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>
    /// With <c>actorstreams.jobs.enabled</c>: starts this node's singleton manager of the scheduler (the oldest member
    /// runs it, the next oldest takes over when it leaves or is downed) and the proxy that reaches it.
    /// </summary>
    private void StartJobs(TimeProvider jobsTime)
    {
        if (!Jobs.Enabled)
        {
            return;
        }

        var runner = JobRunner.Create(Config, PublishSpikesAsync, NodeId, jobsTime);
        System.ActorOf(
            ClusterSingletonManager.Props(
                JobScheduler.Supervised(runner, NodeId, jobsTime, LoggerFactory.CreateLogger<JobScheduler>(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)),
                PoisonPill.Instance,
                ClusterSingletonManagerSettings.Create(System)),
            SchedulerName);
        _jobsProxy = System.ActorOf(
            ClusterSingletonProxy.Props($"/user/{SchedulerName}", ClusterSingletonProxySettings.Create(System)),
            SchedulerName + "-proxy");
        LogJobs(_logger, NodeId, Jobs.HourlyInterval, Jobs.FraudMonitorInterval);
    }

    private async Task PublishSpikesAsync(IReadOnlyList<FraudSpike> spikes, CancellationToken cancellationToken)
    {
        var sink = Sink ?? throw new InvalidOperationException("the node's Kafka producer is not started");
        foreach (var spike in spikes)
        {
            await sink.ProduceAsync(Kafka.Topics.FraudMonitor, spike.Key, spike.ToJsonUtf8(), cancellationToken).ConfigureAwait(false);
        }

        await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId}: scheduled jobs on (hourly every {Hourly}, fraud-monitor every {FraudMonitor}), run by the cluster's singleton scheduler")]
    private static partial void LogJobs(ILogger logger, string nodeId, TimeSpan hourly, TimeSpan fraudMonitor);
}
