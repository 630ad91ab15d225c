using ActorStreams.Kafka.Producer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Cluster.Membership;

/// <summary>
/// Publishes this node's heartbeat (<see cref="MemberRecord"/>) to the members topic every heartbeat interval
/// (docs/design.md §2): <c>up</c> while running, <c>leaving</c> from the start of a graceful leave (<see cref="LeavingAsync"/>),
/// and a tombstone at its end (<see cref="StopAsync"/>). Each heartbeat is also applied to the local view, so a node
/// always sees itself.
/// </summary>
public sealed partial class HeartbeatPublisher : IAsyncDisposable
{
    private readonly KafkaSink _sink;
    private readonly string _topic;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, Task<MemberRecord>> _snapshot;
    private readonly MembershipView? _view;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _wakeGate = new();
    private CancellationTokenSource? _wake;
    private bool _wakeRequested;
    private Task? _loop;
    private volatile bool _leaving;
    private long _published;
    private int _stopped;

    /// <summary>Creates the publisher; nothing is sent before <see cref="Start"/>.</summary>
    /// <param name="sink">The node's producer.</param>
    /// <param name="topic">The members topic.</param>
    /// <param name="nodeId">This node's id (the record key).</param>
    /// <param name="interval">The heartbeat interval.</param>
    /// <param name="time">The clock (heartbeat timestamps and the period).</param>
    /// <param name="snapshot">Builds this node's record now (partitions, entities, lag); status and heartbeat time are set by the publisher.</param>
    /// <param name="view">The local membership view, given every heartbeat directly.</param>
    /// <param name="logger">Logger.</param>
    public HeartbeatPublisher(
        KafkaSink sink,
        string topic,
        string nodeId,
        TimeSpan interval,
        TimeProvider time,
        Func<CancellationToken, Task<MemberRecord>> snapshot,
        MembershipView? view = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(snapshot);
        _sink = sink;
        _topic = topic;
        NodeId = nodeId;
        _interval = interval;
        _time = time;
        _snapshot = snapshot;
        _view = view;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>This node's id.</summary>
    public string NodeId { get; }

    /// <summary>Heartbeats published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Whether the publisher runs (started, not stopped).</summary>
    public bool IsRunning => _loop is { IsCompleted: false };

    /// <summary>Publishes a heartbeat now, then every interval until stopped.</summary>
    /// <exception cref="InvalidOperationException">Started already.</exception>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the heartbeat publisher was started already");
        }

        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>
    /// Marks the node leaving: publishes a <c>leaving</c> heartbeat now and waits for its delivery; later heartbeats
    /// (during the handoff) say <c>leaving</c> too.
    /// </summary>
    /// <exception cref="KafkaSinkFaultException">The heartbeat could not be delivered.</exception>
    public async Task LeavingAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        await PublishAsync(waitForDelivery: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops heartbeating; with <paramref name="tombstone"/> also deletes this node from the members topic (a graceful
    /// leave) and waits for the tombstone's delivery. Without it, the others judge the node unreachable after 3 intervals.
    /// </summary>
    /// <exception cref="KafkaSinkFaultException">The tombstone could not be delivered.</exception>
    public async Task StopAsync(bool tombstone, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        if (tombstone)
        {
            await _publishing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _sink.ProduceTombstoneAsync(_topic, NodeId, cancellationToken).ConfigureAwait(false);
                _view?.Apply(NodeId, null);
                LogTombstone(_logger, NodeId);
            }
            finally
            {
                _publishing.Release();
            }
        }
    }

    /// <summary>Stops heartbeating without a tombstone.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(tombstone: false, CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Publishes the next heartbeat now rather than at the end of the interval (e.g. after partitions moved).</summary>
    public void RequestPublish()
    {
        lock (_wakeGate)
        {
            _wakeRequested = true;
            _wake?.Cancel();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PublishAsync(waitForDelivery: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed producer faults the node; until it stops, keep trying rather than go silent.
                LogFailed(_logger, ex, NodeId);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bool wait;
            lock (_wakeGate)
            {
                wait = !_wakeRequested;
                _wake = wait ? wake : null;
                _wakeRequested = false;
            }

            try
            {
                if (wait)
                {
                    await Task.Delay(_interval, _time, wake.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Woken early, or stopped (the loop condition tells).
            }
            finally
            {
                lock (_wakeGate)
                {
                    _wake = null;
                }
            }
        }
    }

    private async Task PublishAsync(bool waitForDelivery, CancellationToken cancellationToken)
    {
        await _publishing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = await _snapshot(cancellationToken).ConfigureAwait(false);
            var record = snapshot with
            {
                NodeId = NodeId,
                Status = _leaving ? MemberStatus.Leaving : MemberStatus.Up,
                HeartbeatAt = _time.GetUtcNow(),
            };
            var value = record.ToJsonUtf8();
            if (waitForDelivery)
            {
                await _sink.ProduceAndWaitAsync(_topic, System.Text.Encoding.UTF8.GetBytes(NodeId), value, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _sink.ProduceAsync(_topic, NodeId, value, cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Increment(ref _published);
            _view?.Apply(NodeId, record);
        }
        finally
        {
            _publishing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {NodeId}: heartbeat not published")]
    private static partial void LogFailed(ILogger logger, Exception exception, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {NodeId}: tombstone written to the members topic")]
    private static partial void LogTombstone(ILogger logger, string nodeId);
}
