using ActorStreams.Hocon;
using ActorStreams.Node;
using ActorStreams.Node.Jobs;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cli.Demo;

/// <summary>
/// The demo's nodes, demo-1..demo-N, in this process: each its own node (actor system, consumer, producer, store
/// plugins), the first forming the Akka cluster and the others joining it through it as their seed node, so they share
/// the partitions exactly as separate processes would.
/// </summary>
internal sealed class DemoCluster : IAsyncDisposable
{
    private readonly List<ActorStreamsNode> _nodes;
    private readonly Dictionary<string, NodeStatus> _lastRunning = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task? _jobsAsk;
    private volatile JobHistory? _jobs;

    private DemoCluster(List<ActorStreamsNode> nodes)
    {
        _nodes = nodes;
        Faulted = Task.WhenAny(nodes.Select(n => n.Faulted)).Unwrap();
    }

    /// <summary>Faults with the first node's fault; never completes otherwise.</summary>
    public Task Faulted { get; }

    /// <summary>The id of the first node that faulted, if any.</summary>
    public string? FaultedNodeId => _nodes.FirstOrDefault(n => n.Faulted.IsFaulted)?.NodeId;

    /// <summary>Starts the first node, then the others side by side with the first as their seed node.</summary>
    /// <param name="configs">One resolved configuration per node (they differ in the node id).</param>
    /// <param name="loggerFactory">Where the nodes log.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    public static async Task<DemoCluster> StartAsync(IReadOnlyList<Config> configs, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var first = await ActorStreamsNode.StartAsync(new NodeOptions { Config = configs[0], LoggerFactory = loggerFactory }, cancellationToken).ConfigureAwait(false);
        var seed = new KeyValuePair<string, string>("akka.cluster.seed-nodes", $"[\"{first.AkkaAddress}\"]");
        var starts = configs.Skip(1)
            .Select(config => ConfigFactory.ParseOverrides([seed]).WithFallback(config).Resolve())
            .Select(config => Task.Run(() => ActorStreamsNode.StartAsync(new NodeOptions { Config = config, LoggerFactory = loggerFactory }, cancellationToken), cancellationToken))
            .ToList();
        ActorStreamsNode[] others;
        try
        {
            others = await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                var started = await start.ConfigureAwait(false);
                await started.StopAsync().ConfigureAwait(false);
            }

            await first.StopAsync().ConfigureAwait(false);
            throw;
        }

        return new DemoCluster([first, .. others]);
    }

    /// <summary>The live dashboard's address on the first node, <c>http://host:port/</c>, or null when the dashboard is off.</summary>
    public string? DashboardUrl => _nodes[0].Settings.DashboardEnabled ? $"http://{_nodes[0].HttpAddress}/" : null;

    /// <summary>Every node's counters now; while a node runs, its status is also kept as its last running one.</summary>
    public IReadOnlyList<NodeStatus> Status(bool running)
    {
        var statuses = _nodes.Select(n => n.Status()).ToList();
        if (running)
        {
            lock (_gate)
            {
                foreach (var status in statuses)
                {
                    _lastRunning[status.NodeId] = status;
                }
            }
        }

        return statuses;
    }

    /// <summary>
    /// The scheduled jobs' history, asked of the first node's singleton proxy at most once at a time and kept: the last
    /// answer, or null when the jobs are off or no answer came yet (the scheduler starts once the cluster is up).
    /// </summary>
    public JobHistory? Jobs
    {
        get
        {
            if (_nodes[0].Jobs.Enabled && _jobsAsk is not { IsCompleted: false })
            {
                _jobsAsk = AskJobsAsync();
            }

            return _jobs;
        }
    }

    private async Task AskJobsAsync()
    {
        try
        {
            _jobs = await _nodes[0].JobHistoryAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AskTimeoutException or OperationCanceledException)
        {
            // The scheduler is starting or moving: the view keeps the last history.
        }
    }

    /// <summary>The last status of each node taken while the demo was running (shards owned before the final handoff).</summary>
    public IReadOnlyDictionary<string, NodeStatus> LastRunning()
    {
        lock (_gate)
        {
            return new Dictionary<string, NodeStatus>(_lastRunning, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// The nodes leave the cluster one after the other, the first last: each hands its partitions to the ones still
    /// running, and the last writes their final checkpoints; outputs are flushed.
    /// </summary>
    public async Task StopAsync()
    {
        foreach (var node in Enumerable.Reverse(_nodes))
        {
            await node.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
