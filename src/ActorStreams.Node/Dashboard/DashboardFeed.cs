using System.Text.Json;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Node.Admin;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Dashboard;

/// <summary>
/// The data behind the dashboard: the node reads the output topics back from Kafka (one reader per topic, outside the
/// consumer group, from the beginning, then following) into a <see cref="DashboardState"/>, and once a second turns it
/// and the cluster's members into one JSON snapshot that every open page receives. Nothing runs until the dashboard
/// is first opened; the cost per second is the same whatever the alert rate.
/// </summary>
internal sealed partial class DashboardFeed : IAsyncDisposable
{
    /// <summary>How often the snapshot is refreshed and pushed.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly ActorStreamsNode _node;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly DashboardState _state;
    private readonly Dictionary<string, (long EventsIn, DateTimeOffset SentAt, double Rate)> _rates = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<GlobalTableReader> _readers = [];
    private TaskCompletionSource<byte[]> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _current;
    private Task? _loop;
    private long _sequence;

    public DashboardFeed(ActorStreamsNode node)
    {
        _node = node;
        _logger = node.LoggerFactory.CreateLogger<DashboardFeed>();
        _state = new DashboardState(node.Settings.DashboardWindow, node.Settings.DashboardMaxRecords);
    }

    /// <summary>The latest snapshot (JSON), computing the first one if the feed has just started.</summary>
    public byte[] Current
    {
        get
        {
            EnsureStarted();
            return Volatile.Read(ref _current) ?? Refresh();
        }
    }

    /// <summary>Completes with the next snapshot.</summary>
    public Task<byte[]> NextAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        return Volatile.Read(ref _next).Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        foreach (var reader in _readers)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private void EnsureStarted()
    {
        lock (_gate)
        {
            if (_loop is not null || _stop.IsCancellationRequested)
            {
                return;
            }

            var topics = _node.Kafka.Topics;
            (string Topic, Action<DashboardState, byte[]> Apply)[] sources =
            [
                (topics.FraudAlerts, static (s, v) => s.ApplyFraudAlert(v)),
                (topics.ChurnAlerts, static (s, v) => s.ApplyChurnAlert(v)),
                (topics.EnrichedActivity, static (s, v) => s.ApplyEnrichedActivity(v)),
                (topics.MerchantMetrics, static (s, v) => s.ApplyMerchantMetric(v)),
                (topics.LoanStats, static (s, v) => s.ApplyLoanStats(v)),
                (topics.LoanRisk, static (s, v) => s.ApplyLoanRisk(v)),
            ];
            foreach (var (topic, apply) in sources)
            {
                var reader = new GlobalTableReader(_node.Kafka, topic, record =>
                {
                    if (record.Value is { } value)
                    {
                        lock (_gate)
                        {
                            apply(_state, value);
                        }
                    }
                }, _node.LoggerFactory.CreateLogger<GlobalTableReader>());
                _readers.Add(reader);
            }

            LogStarted(_logger, string.Join(", ", sources.Select(s => s.Topic)));
            _loop = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        // The readers start in the background: a topic that is missing (nothing produced yet) leaves its panels empty.
        foreach (var reader in _readers)
        {
            _ = reader.StartAsync(_stop.Token).ContinueWith(
                t => LogReaderFailed(_logger, t.Exception!.GetBaseException()),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }

        using var timer = new PeriodicTimer(Period, _node.Time);
        try
        {
            do
            {
                Refresh();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }

        Volatile.Read(ref _next).TrySetCanceled();
    }

    private byte[] Refresh()
    {
        DashboardSnapshot snapshot;
        lock (_gate)
        {
            var now = _node.Time.GetUtcNow();
            snapshot = _state.Snapshot(now, _node.NodeId, ++_sequence, Nodes());
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, AdminJsonContext.Api.DashboardSnapshot);
        Volatile.Write(ref _current, json);
        var next = Interlocked.Exchange(ref _next, new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously));
        next.TrySetResult(json);
        return json;
    }

    /// <summary>The members with their load; events per second from the change of each member's counter between its reports.</summary>
    private List<NodeRow> Nodes()
    {
        var rows = new List<NodeRow>();
        foreach (var member in _node.Membership.Members)
        {
            var info = member.Info;
            var rate = 0.0;
            if (info is not null)
            {
                if (_rates.TryGetValue(info.NodeId, out var previous) && info.SentAt > previous.SentAt && info.EventsIn >= previous.EventsIn)
                {
                    rate = (info.EventsIn - previous.EventsIn) / (info.SentAt - previous.SentAt).TotalSeconds;
                    _rates[info.NodeId] = (info.EventsIn, info.SentAt, rate);
                }
                else if (_rates.TryGetValue(info.NodeId, out previous) && info.SentAt == previous.SentAt)
                {
                    rate = previous.Rate;
                }
                else
                {
                    _rates[info.NodeId] = (info.EventsIn, info.SentAt, 0);
                }
            }

            rows.Add(new NodeRow(member.NodeId, member.Status, info?.Partitions ?? 0, info?.Entities ?? 0, info?.Lag ?? 0, Math.Round(rate, 1), member.NodeId == _node.NodeId));
        }

        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "dashboard opened: reading {Topics} back from Kafka")]
    private static partial void LogStarted(ILogger logger, string topics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "dashboard: an output topic cannot be read; its panels stay empty")]
    private static partial void LogReaderFailed(ILogger logger, Exception exception);
}
